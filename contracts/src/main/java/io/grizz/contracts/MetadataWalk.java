package io.grizz.contracts;

import java.nio.CharBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the {@code metadata} object to its end and judges what {@code jsonb} would make of it
 * (docs/contract.md §3): a name or string with U+0000 or an unpaired surrogate cannot be stored at all, and a
 * number whose decimal exponent is beyond ±{@value #MAX_EXPONENT} (outside a double's range) is
 * stored in a few bytes but printed in full — {@code 1e131071} comes back from every read as
 * 131,072 digits. The parser checks syntax on the way, and the walk duplicate names ({@link DuplicateNames}).
 *
 * <p>It keeps the path to where it is ({@code metadata.a[2].n}), so a refusal names the place.
 */
final class MetadataWalk {

    static final int MAX_EXPONENT = 308;
    /** Names are the producer's data: a path shows no more of each than this. */
    private static final int MAX_NAME_CHARS = 64;

    private final Deque<Frame> path = new ArrayDeque<>();
    private boolean unstorableText;
    private String hugeNumberAt;

    private MetadataWalk(String root) {
        path.push(new Frame(root));
    }

    /**
     * Reads from the {@code START_OBJECT} the parser is at to its matching end.
     *
     * @return null when PostgreSQL can store it as sent, else a {@code schema_violation} detail
     */
    static String flawOf(JsonParser parser, String root) {
        MetadataWalk walk = new MetadataWalk(root);
        walk.walk(parser);
        if (walk.unstorableText) {
            return root + " holds U+0000 or an unpaired surrogate, which PostgreSQL cannot store";
        }
        if (walk.hugeNumberAt != null) {
            return walk.hugeNumberAt + " is a number whose decimal exponent is beyond ±" + MAX_EXPONENT
                    + " (outside a double's range)";
        }
        return null;
    }

    private void walk(JsonParser parser) {
        while (!path.isEmpty()) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new EventRejected(RejectionReason.MALFORMED, "value is not valid JSON (unexpected end)");
            }
            switch (token) {
                case PROPERTY_NAME -> {
                    Frame object = path.peek();
                    object.names.add(parser.currentName(), parser);
                    unstorableText |= !storable(parser);
                    object.name = parser.currentName();
                }
                case START_OBJECT, START_ARRAY -> {
                    Frame parent = path.peek();
                    parent.nextValue();
                    path.push(new Frame(parent, token == JsonToken.START_ARRAY));
                }
                case END_OBJECT, END_ARRAY -> path.pop();
                case VALUE_STRING -> {
                    path.peek().nextValue();
                    unstorableText |= !storable(parser);
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    path.peek().nextValue();
                    long exponent = JsonNumberExponent.of(
                            parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
                    if (hugeNumberAt == null && Math.abs(exponent) > MAX_EXPONENT) {
                        hugeNumberAt = path.peek().pathOfValue();
                    }
                }
                default -> path.peek().nextValue(); // true, false, null: nothing to judge
            }
        }
    }

    private static boolean storable(JsonParser parser) {
        return PostgresText.isStorable(
                CharBuffer.wrap(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength()));
    }

    /**
     * One open object or array, and the name or index of the value being read in it. Paths are
     * only spelled out for a refusal, so the walk of a good object builds no strings.
     */
    private static final class Frame {
        private final Frame parent;
        private final String root;
        private final boolean array;
        private final String nameInParent;
        private final int indexInParent;
        /** An object's names so far; null for an array. */
        final DuplicateNames names;

        String name;
        int index = -1;

        Frame(String root) {
            this.parent = null;
            this.root = root;
            this.array = false;
            this.nameInParent = null;
            this.indexInParent = -1;
            this.names = new DuplicateNames();
        }

        Frame(Frame parent, boolean array) {
            this.parent = parent;
            this.root = null;
            this.array = array;
            this.nameInParent = parent.name;
            this.indexInParent = parent.index;
            this.names = array ? null : new DuplicateNames();
        }

        void nextValue() {
            if (array) {
                index++;
            }
        }

        /** The path of the value just read in this container, e.g. {@code metadata.a[2].n}. */
        String pathOfValue() {
            return path() + step(array, name, index);
        }

        private String path() {
            return parent == null ? root : parent.path() + step(parent.array, nameInParent, indexInParent);
        }

        private static String step(boolean inArray, String name, int index) {
            if (inArray) {
                return "[" + index + "]";
            }
            return "." + (name.length() > MAX_NAME_CHARS ? name.substring(0, MAX_NAME_CHARS) + "…" : name);
        }
    }
}
