package io.onionpanel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory (VmRSS from /proc) of one process, in MB. */
final class Rss {
    private Rss() {
    }

    static double mb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
            }
        }
        return -1;
    }
}
