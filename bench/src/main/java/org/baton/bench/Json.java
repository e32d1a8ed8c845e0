package org.baton.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/** A minimal JSON writer for the report: objects, arrays, strings and finite numbers. */
final class Json {

    private final StringBuilder out = new StringBuilder();
    /** Per open container: whether it already has an element. */
    private final Deque<boolean[]> open = new ArrayDeque<>();

    Json open(char bracket) {
        out.append(bracket);
        open.push(new boolean[1]);
        return this;
    }

    Json close(char bracket) {
        open.pop();
        out.append(bracket);
        return this;
    }

    Json field(String name) {
        element();
        quote(name);
        out.append(':');
        return this;
    }

    Json element() {
        boolean[] started = open.peek();
        if (started != null) {
            if (started[0]) {
                out.append(',');
            }
            started[0] = true;
        }
        return this;
    }

    Json string(String value) {
        quote(value);
        return this;
    }

    Json number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            // Six significant digits, plain notation: a benchmark figure has no more precision than that.
            out.append(new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString());
        }
        return this;
    }

    Json raw(String literal) {
        out.append(literal);
        return this;
    }

    private void quote(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
