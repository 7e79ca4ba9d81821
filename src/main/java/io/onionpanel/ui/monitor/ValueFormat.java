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
            if (v < 10) {
                return oneDecimal(v) + " ms";
            }
            return v < 1000 ? String.format(Locale.ROOT, "%.0f ms", v) : String.format(Locale.ROOT, "%.1f s", v / 1000);
        }
    },
    BYTES_PER_SECOND {
        @Override
        String format(double v) {
            if (v < 1024) {
                return (v < 10 ? oneDecimal(v) : String.format(Locale.ROOT, "%.0f", v)) + " B/s";
            }
            if (v < 1024 * 1024) {
                return oneDecimal(v / 1024) + " KiB/s";
            }
            return oneDecimal(v / (1024 * 1024)) + " MiB/s";
        }

        @Override
        double axisUnit(double max) {
            return max >= 1024 * 1024 ? 1024 * 1024 : max >= 1024 ? 1024 : 1;
        }
    };

    /** "20" rather than "20.0", "2.5" as it is. */
    private static String oneDecimal(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** The unit in which axis steps are made round. */
    double axisUnit(double max) {
        return 1;
    }

    abstract String format(double v);
}
