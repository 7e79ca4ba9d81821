package io.onionpanel.control;

import java.io.IOException;

/** Lines of UTF-8 in both directions over one connection: the control protocol's framing, whatever carries it. */
interface Lines {
    /** The next line without its newline, null at the end of the stream; a line longer than the limit is an error. */
    String readLine() throws IOException;

    void writeLine(String text) throws IOException;
}
