package io.onionpanel.ui.monitor;

import java.util.Locale;

/** How a chart writes its values: on the axis and in the hover read-out. */
enum ValueFormat {
    COUNT {
        @Override
        String format(double v) {
            return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
        }
    },
    MILLIS {
        @Override
        String format(double v) {
            return v < 1000 ? String.format(Locale.ROOT, "%.0f ms", v) : String.format(Locale.ROOT, "%.1f s", v / 1000);
        }
    },
    BYTES_PER_SECOND {
        @Override
        String format(double v) {
            if (v < 1024) {
                return String.format(Locale.ROOT, "%.0f B/s", v);
            }
            if (v < 1024 * 1024) {
                return String.format(Locale.ROOT, "%.1f KiB/s", v / 1024);
            }
            return String.format(Locale.ROOT, "%.1f MiB/s", v / (1024 * 1024));
        }
    };

    abstract String format(double v);
}
