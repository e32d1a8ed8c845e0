package org.baton.ledger.chaincode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.baton.ledger.PageRequest;
import org.baton.trust.InstitutionId;

/**
 * The arguments of a paged query by institution ({@code GrantsByInstitution}, {@code ReceiptsByInstitution}), checked
 * and turned into the key range to read: the institution's index entries whose creating transaction's time is in
 * {@code [from, until)}, starting after the page token's key if there is one.
 *
 * @param range every key of the query
 * @param start the first key of the page: the range's start, or just after the page token's key
 * @param size at most this many items
 */
record PageQuery(Keys.Range range, String start, int size) {

    private static final Pattern MILLIS = Pattern.compile("[0-9]{1,19}");
    private static final Pattern SIZE = Pattern.compile("[0-9]{1,4}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,512}");

    PageQuery {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(start, "start");
    }

    /**
     * Checks the arguments of a query of the index {@code prefixOf} names for an institution.
     *
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code MALFORMED_QUERY} naming the first bad argument
     */
    static PageQuery parse(Function<InstitutionId, String> prefixOf, String institution, String from, String until,
            String pageSize, String pageToken) {
        InstitutionId id = QueryArguments.parsed("institution", institution, InstitutionId::of);
        long fromMillis = millis("from", from);
        long untilMillis = millis("until", until);
        if (untilMillis <= fromMillis) {
            throw Refusals.malformedQuery("until " + untilMillis + " is not after from " + fromMillis);
        }
        int size = size(pageSize);
        String prefix = prefixOf.apply(id);
        Keys.Range range = new Keys.Range(prefix + Keys.time(fromMillis), prefix + Keys.time(untilMillis));
        Objects.requireNonNull(pageToken, "page token");
        String start = pageToken.isEmpty() ? range.start() : after(range, pageToken);
        return new PageQuery(range, start, size);
    }

    /** The token of a page that ends with the item at {@code indexKey}: the key, in base64url without padding. */
    static String token(String indexKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(indexKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The first key after the token's: the key followed by the smallest character there is. */
    private static String after(Keys.Range range, String token) {
        String key = key(token);
        if (!range.contains(key)) {
            throw Refusals.malformedQuery("page token is not one of this query's (another institution, time range"
                    + " or index)");
        }
        return key + '\u0000';
    }

    private static String key(String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw Refusals.malformedQuery("page token is not 1 to 512 base64url characters");
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            String key = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            if (!token(key).equals(token)) {
                throw Refusals.malformedQuery("page token is not in base64url without padding");
            }
            return key;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw Refusals.malformedQuery("page token is not base64url of a UTF-8 key");
        }
    }

    private static long millis(String name, String text) {
        Objects.requireNonNull(text, name);
        if (MILLIS.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // over Long.MAX_VALUE: reported below
            }
        }
        throw Refusals.malformedQuery(name + " '" + QueryArguments.abbreviate(text)
                + "' is not a time in epoch milliseconds from 0 to " + Long.MAX_VALUE);
    }

    private static int size(String text) {
        Objects.requireNonNull(text, "page size");
        int size = SIZE.matcher(text).matches() ? Integer.parseInt(text) : 0;
        if (size < 1 || size > PageRequest.MAX_SIZE) {
            throw Refusals.malformedQuery("page size '" + QueryArguments.abbreviate(text)
                    + "' is not a number from 1 to " + PageRequest.MAX_SIZE);
        }
        return size;
    }
}
