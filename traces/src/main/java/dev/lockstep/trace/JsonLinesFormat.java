package dev.lockstep.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;

/** Keys and version of the JSON Lines codec (documented in docs/traces.md). */
final class JsonLinesFormat {
    private JsonLinesFormat() {
    }

    static final int VERSION = 1;
    static final String FORMAT_NAME = "trace";

    static final String HEADER = "lockstep";
    static final String HEADER_VERSION = "version";
    static final String CYCLE = "c";
    static final String PATH = "p";
    static final String FIELD = "f";
    static final String VALUE = "v";
    static final String WIDTH = "w";
    static final String TXN = "txn";
    static final String COMPONENT = "component";
    static final String KIND = "kind";
    static final String ISSUE = "issue";
    static final String COMPLETE = "complete";
    static final String BYTES = "bytes";
    static final String PAYLOAD = "payload";

    /** Longest line a reader accepts; bounds memory when a binary file is mistaken for text. */
    static final int MAX_LINE_BYTES = 1 << 28;

    static final JsonFactory JSON = new JsonFactoryBuilder()
            // Lines are ended by the writer itself, not by Jackson's root separator.
            .rootValueSeparator((String) null)
            // A payload's hex string may be as long as a line.
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_LINE_BYTES).build())
            .build();
}
