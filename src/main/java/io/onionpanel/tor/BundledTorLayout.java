package io.onionpanel.tor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the JVM jars of kmp-tor-resource's GPL build ({@code io.matthewnelson.kmp-tor:resource-exec-tor-gpl-jvm}
 * and {@code resource-lib-tor-gpl-jvm}, 409.x = tor 0.4.9.x) keep tor for each OS and CPU, as read from that
 * project's sources at tag 409.5.0 (github.com/05nelsonm/kmp-tor-resource):
 * <ul>
 * <li>{@code library/resource-lib-tor/src/jvmAndroidMain/…/internal/-JvmAndroidPlatform.kt}: the path
 *     {@code io/matthewnelson/kmp/tor/resource/<exec|lib>/tor/native/<host>/<arch>/<file>}, and on Windows the
 *     DLL redirect file {@code …/exec/tor/native/mingw/tor.exe.local};</li>
 * <li>{@code library/resource-lib-tor/src/nonNativeMain/…/internal/-NonNativePlatform.kt}: the file names
 *     ({@code tor.gz}, {@code libtor.dylib.gz}; {@code tor.exe.gz}, {@code tor.dll.gz});</li>
 * <li>{@code external/source.task/source.package.sh}: every binary is gzipped ({@code gzip --no-name --best}),
 *     {@code tor.exe.local} is not ({@code external/task.sh}, {@code package:mingw});</li>
 * <li>{@code external/source.task/source.build.sh}: the tor executable is a small {@code main} linked against
 *     libtor, which it loads from its own folder ({@code -install_name @executable_path/libtor.dylib} on macOS; the
 *     DLL beside {@code tor.exe} on Windows), so both files must be extracted side by side.</li>
 * </ul>
 * Only macOS and Windows are mapped. The jars also carry Linux builds (linux-libc, linux-musl, linux-android), but
 * on Linux the panel runs the distribution's tor, which the distribution keeps patched; nothing ships a bundled
 * tor there, and not mapping Linux means a stray kmp jar on a Linux class path is never run either.
 */
final class BundledTorLayout {
    private static final String ROOT = "io/matthewnelson/kmp/tor/resource/";

    /** One file of the bundled tor: its class-path resource and the name it gets beside tor. */
    record Entry(String resource, String fileName, boolean gzipped, boolean executable) {
    }

    private BundledTorLayout() {
    }

    /** The files for this OS and CPU, tor first; empty where kmp-tor-resource has no build we ship. */
    static Optional<List<Entry>> forPlatform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i486", "i586", "i686" -> "x86";
            default -> "";
        };
        if (os.startsWith("mac") && (arch.equals("x86_64") || arch.equals("aarch64"))) {
            return Optional.of(List.of(
                    binary("exec", "macos", arch, "tor"),
                    binary("lib", "macos", arch, "libtor.dylib")));
        }
        if (os.startsWith("windows") && (arch.equals("x86_64") || arch.equals("x86"))) {
            return Optional.of(List.of(
                    binary("exec", "mingw", arch, "tor.exe"),
                    binary("lib", "mingw", arch, "tor.dll"),
                    // Makes Windows load tor.dll from tor.exe's folder before any other tor.dll on the search path.
                    new Entry(ROOT + "exec/tor/native/mingw/tor.exe.local", "tor.exe.local", false, false)));
        }
        return Optional.empty();
    }

    private static Entry binary(String module, String host, String arch, String fileName) {
        return new Entry(ROOT + module + "/tor/native/" + host + "/" + arch + "/" + fileName + ".gz", fileName, true, true);
    }
}
