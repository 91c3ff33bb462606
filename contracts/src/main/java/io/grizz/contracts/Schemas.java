package io.grizz.contracts;

import java.io.InputStream;

/**
 * The JSON Schema files shipped in this jar, for producers written in other languages and for
 * tools that validate events outside the JVM.
 */
public final class Schemas {

    /** Class-path location of the JSON Schema (draft 2020-12) of the v1 event. */
    public static final String MESSAGE_WRITE_V1 = "schema/message-write.v1.schema.json";

    private Schemas() {}

    /** Opens the v1 schema; the caller closes the stream. */
    public static InputStream messageWriteV1() {
        InputStream in = Schemas.class.getClassLoader().getResourceAsStream(MESSAGE_WRITE_V1);
        if (in == null) {
            throw new IllegalStateException(MESSAGE_WRITE_V1 + " is missing from the class path");
        }
        return in;
    }
}
