package org.baton.node.readiness;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Collects an evaluation's trail entries in a compact log: codes, record ids and args in flat arrays, turned into
 * {@link TrailEntry} objects only when someone reads them (most evaluations behind a caseload view never do).
 * Not thread-safe: one per evaluation.
 */
final class Trail {

    private static final TrailScope[] SCOPES = TrailScope.values();
    private static final TrailCode[] CODES = TrailCode.values();

    /** Per entry: scope ordinal << 16 | code ordinal. */
    private final boolean enabled;
    private int[] kinds;
    /** Per entry: start of its slots in {@link #arena}; its end is the next entry's start. */
    private int[] starts;
    /** Per entry: how many of its slots are record ids (the rest are args). */
    private byte[] idCounts;
    private Object[] arena;
    private int size;
    private int top;

    /**
     * A log.
     *
     * @param enabled false for a summary evaluation: nothing is recorded and {@link #finish()} is empty
     */
    Trail(boolean enabled) {
        this.enabled = enabled;
        this.kinds = new int[enabled ? 256 : 0];
        this.starts = new int[enabled ? 257 : 1];
        this.idCounts = new byte[enabled ? 256 : 0];
        this.arena = new Object[enabled ? 1536 : 0];
    }

    private void begin(TrailScope scope, TrailCode code, int slots) {
        if (size == kinds.length) {
            kinds = Arrays.copyOf(kinds, size * 2);
            idCounts = Arrays.copyOf(idCounts, size * 2);
            starts = Arrays.copyOf(starts, size * 2 + 1);
        }
        if (top + slots > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, top + slots));
        }
        kinds[size] = scope.ordinal() << 16 | code.ordinal();
        starts[size] = top;
    }

    private void end(int ids) {
        idCounts[size] = (byte) ids;
        size++;
        starts[size] = top;
    }

    private int id(String recordId) {
        if (recordId == null) {
            return 0;
        }
        arena[top++] = recordId;
        return 1;
    }

    void add(TrailScope scope, TrailCode code, String recordId) {
        if (!enabled) {
            return;
        }
        begin(scope, code, 0 + 1);
        int ids = id(recordId);
        end(ids);
    }

    void add(TrailScope scope, TrailCode code, String recordId, Object a0) {
        if (!enabled) {
            return;
        }
        begin(scope, code, 1 + 1);
        int ids = id(recordId);
        arena[top++] = a0;
        end(ids);
    }

    void add(TrailScope scope, TrailCode code, String recordId, Object a0, Object a1) {
        if (!enabled) {
            return;
        }
        begin(scope, code, 2 + 1);
        int ids = id(recordId);
        arena[top++] = a0;
        arena[top++] = a1;
        end(ids);
    }

    void add(TrailScope scope, TrailCode code, String recordId, Object a0, Object a1, Object a2) {
        if (!enabled) {
            return;
        }
        begin(scope, code, 3 + 1);
        int ids = id(recordId);
        arena[top++] = a0;
        arena[top++] = a1;
        arena[top++] = a2;
        end(ids);
    }

    void add(TrailScope scope, TrailCode code, String recordId, Object a0, Object a1, Object a2, Object a3) {
        if (!enabled) {
            return;
        }
        begin(scope, code, 4 + 1);
        int ids = id(recordId);
        arena[top++] = a0;
        arena[top++] = a1;
        arena[top++] = a2;
        arena[top++] = a3;
        end(ids);
    }

    void add(TrailScope scope, TrailCode code, String recordId, Object a0, Object a1, Object a2, Object a3, Object a4) {
        if (!enabled) {
            return;
        }
        begin(scope, code, 5 + 1);
        int ids = id(recordId);
        arena[top++] = a0;
        arena[top++] = a1;
        arena[top++] = a2;
        arena[top++] = a3;
        arena[top++] = a4;
        end(ids);
    }

    void add(TrailScope scope, TrailCode code, String recordId, Object a0, Object a1, Object a2, Object a3, Object a4, Object a5) {
        if (!enabled) {
            return;
        }
        begin(scope, code, 6 + 1);
        int ids = id(recordId);
        arena[top++] = a0;
        arena[top++] = a1;
        arena[top++] = a2;
        arena[top++] = a3;
        arena[top++] = a4;
        arena[top++] = a5;
        end(ids);
    }

    void add(TrailScope scope, TrailCode code, String recordId, Object a0, Object a1, Object a2, Object a3, Object a4, Object a5, Object a6) {
        if (!enabled) {
            return;
        }
        begin(scope, code, 7 + 1);
        int ids = id(recordId);
        arena[top++] = a0;
        arena[top++] = a1;
        arena[top++] = a2;
        arena[top++] = a3;
        arena[top++] = a4;
        arena[top++] = a5;
        arena[top++] = a6;
        end(ids);
    }

    void add(TrailScope scope, TrailCode code, String recordId, Object a0, Object a1, Object a2, Object a3, Object a4, Object a5, Object a6, Object a7) {
        if (!enabled) {
            return;
        }
        begin(scope, code, 8 + 1);
        int ids = id(recordId);
        arena[top++] = a0;
        arena[top++] = a1;
        arena[top++] = a2;
        arena[top++] = a3;
        arena[top++] = a4;
        arena[top++] = a5;
        arena[top++] = a6;
        arena[top++] = a7;
        end(ids);
    }

    void add(TrailScope scope, TrailCode code, String recordId, Object a0, Object a1, Object a2, Object a3, Object a4, Object a5, Object a6, Object a7, Object a8) {
        if (!enabled) {
            return;
        }
        begin(scope, code, 9 + 1);
        int ids = id(recordId);
        arena[top++] = a0;
        arena[top++] = a1;
        arena[top++] = a2;
        arena[top++] = a3;
        arena[top++] = a4;
        arena[top++] = a5;
        arena[top++] = a6;
        arena[top++] = a7;
        arena[top++] = a8;
        end(ids);
    }

    void add(TrailScope scope, TrailCode code, String recordId, Object a0, Object a1, Object a2, Object a3, Object a4, Object a5, Object a6, Object a7, Object a8, Object a9) {
        if (!enabled) {
            return;
        }
        begin(scope, code, 10 + 1);
        int ids = id(recordId);
        arena[top++] = a0;
        arena[top++] = a1;
        arena[top++] = a2;
        arena[top++] = a3;
        arena[top++] = a4;
        arena[top++] = a5;
        arena[top++] = a6;
        arena[top++] = a7;
        arena[top++] = a8;
        arena[top++] = a9;
        end(ids);
    }

    void addMany(TrailScope scope, TrailCode code, List<String> recordIds, Object... args) {
        if (!enabled) {
            return;
        }
        begin(scope, code, recordIds.size() + args.length);
        for (String id : recordIds) {
            arena[top++] = id;
        }
        for (Object arg : args) {
            arena[top++] = arg;
        }
        end(recordIds.size());
    }

    int size() {
        return size;
    }

    /**
     * The entries, as an immutable list that builds each entry when it is read. Ends the log: it hands its arrays
     * to the view, so nothing may be added afterwards.
     */
    List<TrailEntry> finish() {
        View view = new View(kinds, starts, idCounts, arena, size);
        kinds = null;
        return view;
    }

    /** An immutable view of a finished log. */
    static final class View extends AbstractList<TrailEntry> implements RandomAccess {
        private final int[] kinds;
        private final int[] starts;
        private final byte[] idCounts;
        private final Object[] arena;
        private final int size;

        View(int[] kinds, int[] starts, byte[] idCounts, Object[] arena, int size) {
            this.kinds = kinds;
            this.starts = starts;
            this.idCounts = idCounts;
            this.arena = arena;
            this.size = size;
        }

        @Override
        public TrailEntry get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("trail entry " + index + " of " + size);
            }
            int start = starts[index];
            int ids = idCounts[index];
            int end = starts[index + 1];
            List<String> recordIds = ids == 0 ? List.of() : ids == 1 ? List.of((String) arena[start])
                    : Arrays.asList(Arrays.copyOfRange(arena, start, start + ids, String[].class));
            Object[] values = Arrays.copyOfRange(arena, start + ids, end);
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    values[i] = "";
                }
            }
            List<Object> args = List.of(values);
            return new TrailEntry(SCOPES[kinds[index] >>> 16], CODES[kinds[index] & 0xFFFF], recordIds, args);
        }

        @Override
        public int size() {
            return size;
        }

        /** Whether an entry mentions a record, without building entries. */
        boolean mentions(int index, String recordId) {
            int start = starts[index];
            for (int i = 0; i < idCounts[index]; i++) {
                if (recordId.equals(arena[start + i])) {
                    return true;
                }
            }
            return false;
        }

        /** The scope of an entry, without building it. */
        TrailScope scope(int index) {
            return SCOPES[kinds[index] >>> 16];
        }
    }
}
