package org.stackbridge.z3950;

import java.io.IOException;
import java.util.List;
import org.stackbridge.z3950.interop.InteropTools;

/** Runs YAZ command-line clients (Debian package yaz) with a bounded wait. */
final class YazTool {
    private YazTool() {
    }

    static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        return InteropTools.run(command, stdin);
    }
}
