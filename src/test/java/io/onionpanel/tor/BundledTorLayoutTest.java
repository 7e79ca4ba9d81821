package io.onionpanel.tor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled tor is found and extracted in kmp-tor-resource's jar layout only. The real artifacts are not served
 * here, so the test builds two jars with their layout (as read from 05nelsonm/kmp-tor-resource 409.5.0, see
 * {@link BundledTorLayout}): {@code resource-exec-tor-gpl-jvm} with the gzipped tor executables and Windows's
 * {@code tor.exe.local}, {@code resource-lib-tor-gpl-jvm} with the gzipped libtor each one loads from its folder.
 * The fake tor is a shell script that answers {@code --version} and {@code --list-modules}, so it can be probed here.
 */
class BundledTorLayoutTest {
    private static final String EXEC = "io/matthewnelson/kmp/tor/resource/exec/tor/native/";
    private static final String LIB = "io/matthewnelson/kmp/tor/resource/lib/tor/native/";
    private static final byte[] DLL_REDIRECT = ("# https://learn.microsoft.com/en-us/windows/win32/dlls/"
            + "dynamic-link-library-redirection#how-to-redirect-dlls-for-unpackaged-apps\n").getBytes(StandardCharsets.UTF_8);
    private static final String MAC = "Mac OS X";
    private static final String WINDOWS = "Windows 11";

    @TempDir
    Path tmp;

    private final List<URLClassLoader> loaders = new ArrayList<>();

    @AfterEach
    void closeLoaders() throws IOException {
        for (URLClassLoader loader : loaders) {
            loader.close();
        }
    }

    @Test
    void eachPlatformGetsItsOwnEntriesAndLinuxNone() throws Exception {
        ClassLoader kmp = kmpJars();
        assertEquals(Optional.of(EXEC + "macos/aarch64/tor.gz"), new BundledTor(kmp, MAC, "aarch64").torResource());
        assertEquals(Optional.of(EXEC + "macos/x86_64/tor.gz"), new BundledTor(kmp, MAC, "x86_64").torResource());
        assertEquals(Optional.of(EXEC + "mingw/x86_64/tor.exe.gz"), new BundledTor(kmp, WINDOWS, "amd64").torResource());
        assertEquals(Optional.of(EXEC + "mingw/x86/tor.exe.gz"), new BundledTor(kmp, "Windows 10", "x86").torResource());
        // The jar has a linux-libc tor, but Linux uses the distribution's; kmp has no Windows on ARM build.
        assertEquals(Optional.empty(), new BundledTor(kmp, "Linux", "amd64").torResource());
        assertEquals(Optional.empty(), new BundledTor(kmp, WINDOWS, "aarch64").torResource());
        assertEquals(Optional.empty(), new BundledTor(kmp, "FreeBSD", "amd64").torResource());

        assertEquals(List.of("tor", "libtor.dylib"), fileNames(MAC, "aarch64"));
        assertEquals(List.of("tor.exe", "tor.dll", "tor.exe.local"), fileNames(WINDOWS, "amd64"));
    }

    @Test
    void macosTorAndLibtorAreExtractedDecompressedAndChecked() throws Exception {
        Path data = tmp.resolve("data");
        Path tor = new BundledTor(kmpJars(), MAC, "aarch64").install(data);

        Path bin = data.resolve("tor/bin");
        assertEquals(bin.resolve("tor"), tor);
        assertArrayEquals(fakeTor("macos/aarch64"), Files.readAllBytes(tor), "gunzipped, byte for byte");
        assertEquals(sha256(fakeTor("macos/aarch64")), BundledTor.sha256(tor));
        assertArrayEquals(fakeLib("macos/aarch64"), Files.readAllBytes(bin.resolve("libtor.dylib")), "beside tor, which loads it from there");
        assertTrue(Files.isExecutable(tor));
        assertTrue(Files.isExecutable(bin.resolve("libtor.dylib")));
        for (Path dir : List.of(data, data.resolve("tor"), bin)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
        }
        assertTrue(Files.exists(bin.resolve("tor.verified")) && Files.exists(bin.resolve("libtor.dylib.verified")),
                "the checks are remembered for the next start");
        try (var left = Files.list(bin)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "no temp file left");
        }
        assertEquals("0.4.9.5", TorBinary.probe(tor, true).version());
        assertTrue(TorBinary.probe(tor, true).supportsPow());
    }

    @Test
    void windowsGetsTorExeItsDllAndTheRedirectFile() throws Exception {
        Path tor = new BundledTor(kmpJars(), WINDOWS, "amd64").install(tmp);
        Path bin = tmp.resolve("tor/bin");
        assertEquals(bin.resolve("tor.exe"), tor);
        assertArrayEquals(fakeTor("mingw/x86_64"), Files.readAllBytes(tor));
        assertArrayEquals(fakeLib("mingw/x86_64"), Files.readAllBytes(bin.resolve("tor.dll")));
        assertArrayEquals(DLL_REDIRECT, Files.readAllBytes(bin.resolve("tor.exe.local")), "shipped uncompressed, copied as is");
        assertFalse(Files.exists(bin.resolve("libtor.dylib")));
    }

    @Test
    void aDamagedCopyIsReplaced() throws Exception {
        BundledTor bundled = new BundledTor(kmpJars(), MAC, "x86_64");
        Path tor = bundled.install(tmp);
        Path lib = tor.resolveSibling("libtor.dylib");
        String torSha = BundledTor.sha256(tor);
        String libSha = BundledTor.sha256(lib);

        Files.write(tor, new byte[]{1, 2, 3});
        Files.write(lib, new byte[]{4, 5, 6});
        bundled.install(tmp);
        assertEquals(torSha, BundledTor.sha256(tor));
        assertEquals(libSha, BundledTor.sha256(lib));

        // Same size, other bytes: the copy changed since it was checked, so it is hashed again and replaced.
        flipByte(lib, 2);
        Files.setLastModifiedTime(lib, FileTime.fromMillis(Files.getLastModifiedTime(lib).toMillis() + 2_000));
        bundled.install(tmp);
        assertEquals(libSha, BundledTor.sha256(lib));

        // A lost or foreign record of the check means hashing again, even when size and time look unchanged.
        FileTime checkedAt = Files.getLastModifiedTime(tor);
        flipByte(tor, 3);
        Files.setLastModifiedTime(tor, checkedAt);
        Files.writeString(tor.resolveSibling("tor.verified"), "something else");
        bundled.install(tmp);
        assertEquals(torSha, BundledTor.sha256(tor));

        // A copy that lost its executable bit is replaced too: tor could not be started from it.
        assertTrue(tor.toFile().setExecutable(false, false));
        bundled.install(tmp);
        assertTrue(Files.isExecutable(tor));
    }

    @Test
    void anUnchangedCopyIsNotRewritten() throws Exception {
        BundledTor bundled = new BundledTor(kmpJars(), MAC, "aarch64");
        Path tor = bundled.install(tmp);
        Path lib = tor.resolveSibling("libtor.dylib");
        Object torId = identity(tor);
        Object libId = identity(lib);

        assertEquals(tor, bundled.install(tmp));
        assertEquals(torId, identity(tor), "the remembered check is enough");
        assertEquals(libId, identity(lib));

        // Without the record it is hashed, found identical, and kept.
        Files.delete(tor.resolveSibling("tor.verified"));
        Files.delete(lib.resolveSibling("libtor.dylib.verified"));
        bundled.install(tmp);
        assertEquals(torId, identity(tor));
        assertEquals(libId, identity(lib));
        assertTrue(Files.exists(tor.resolveSibling("tor.verified")), "and the check is remembered again");
    }

    @Test
    void briarsLayoutIsNeverTakenForABundledTor() throws Exception {
        Map<String, byte[]> briar = new LinkedHashMap<>();
        for (String arch : List.of("x86_64", "aarch64", "armhf")) {
            briar.put(arch + "/tor", fakeTor("briar " + arch));
            briar.put(arch + "/tor.exe", fakeTor("briar windows " + arch));
        }
        ClassLoader loader = loader(jar("tor-linux-0.4.7.13-2.jar", briar));
        for (String[] platform : List.of(new String[]{"Linux", "amd64"}, new String[]{"Linux", "aarch64"},
                new String[]{WINDOWS, "amd64"}, new String[]{MAC, "x86_64"}, new String[]{MAC, "aarch64"})) {
            BundledTor bundled = new BundledTor(loader, platform[0], platform[1]);
            assertEquals(Optional.empty(), bundled.torResource(), String.join("/", platform));
            TorException e = assertThrows(TorException.class, () -> bundled.install(tmp));
            assertTrue(e.getMessage().startsWith("This build has no bundled tor for " + platform[0] + "/" + platform[1]), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("tor")), "nothing extracted");
    }

    @Test
    void theObsoleteTorOnTheTestClassPathIsNotABundledTor() {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "this build's OS must not be served by the bundled tor");
        assertNotNull(BundledTor.class.getResource("/" + ObsoleteTor.resourceName()),
                "Briar's jar is on the test class path, so this checks something");
        assertFalse(BundledTor.isAvailable());
        assertEquals(Optional.empty(), BundledTor.resourceName());
        TorException e = assertThrows(TorException.class, () -> BundledTor.extract(tmp));
        assertTrue(e.getMessage().contains("choose a tor binary with --tor PATH"), e.getMessage());
        // Nor on the OSes that are served: the test class path has no kmp jar.
        ClassLoader testClassPath = BundledTor.class.getClassLoader();
        assertEquals(Optional.empty(), new BundledTor(testClassPath, WINDOWS, "amd64").torResource());
        assertEquals(Optional.empty(), new BundledTor(testClassPath, MAC, "x86_64").torResource());
    }

    @Test
    void torWithoutItsLibraryIsNotABundledTor() throws Exception {
        ClassLoader execOnly = loader(execJar());
        assertEquals(Optional.empty(), new BundledTor(execOnly, MAC, "aarch64").torResource(), "tor cannot start without libtor");
    }

    @Test
    void aDamagedShippedEntryIsRefused() throws Exception {
        Map<String, byte[]> exec = new LinkedHashMap<>();
        byte[] torGz = gzip(fakeTor("macos/aarch64"));
        torGz[torGz.length - 6] ^= 1; // the gzip trailer's CRC-32 no longer matches
        exec.put(EXEC + "macos/aarch64/tor.gz", torGz);
        ClassLoader loader = loader(jar("exec.jar", exec), libJar());
        TorException e = assertThrows(TorException.class, () -> new BundledTor(loader, MAC, "aarch64").install(tmp));
        assertTrue(e.getMessage().startsWith("Cannot extract the bundled tor"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("tor/bin/tor")), "no copy of a damaged tor");
    }

    private ClassLoader kmpJars() throws IOException {
        return loader(execJar(), libJar());
    }

    private Path execJar() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("io/matthewnelson/kmp/tor/resource/exec/tor/ResourceLoaderTorExec.class", new byte[]{(byte) 0xca, (byte) 0xfe});
        for (String platform : List.of("macos/aarch64", "macos/x86_64", "linux-libc/x86_64")) {
            entries.put(EXEC + platform + "/tor.gz", gzip(fakeTor(platform)));
        }
        for (String platform : List.of("mingw/x86", "mingw/x86_64")) {
            entries.put(EXEC + platform + "/tor.exe.gz", gzip(fakeTor(platform)));
        }
        entries.put(EXEC + "mingw/tor.exe.local", DLL_REDIRECT);
        return jar("resource-exec-tor-gpl-jvm-409.5.0.jar", entries);
    }

    private Path libJar() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(LIB + "macos/aarch64/libtor.dylib.gz", gzip(fakeLib("macos/aarch64")));
        entries.put(LIB + "macos/x86_64/libtor.dylib.gz", gzip(fakeLib("macos/x86_64")));
        entries.put(LIB + "linux-libc/x86_64/libtor.so.gz", gzip(fakeLib("linux-libc/x86_64")));
        entries.put(LIB + "mingw/x86/tor.dll.gz", gzip(fakeLib("mingw/x86")));
        entries.put(LIB + "mingw/x86_64/tor.dll.gz", gzip(fakeLib("mingw/x86_64")));
        return jar("resource-lib-tor-gpl-jvm-409.5.0.jar", entries);
    }

    private Path jar(String name, Map<String, byte[]> entries) throws IOException {
        Path jar = Files.createDirectories(tmp.resolve("jars")).resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Sees only these jars, not the test class path (which holds Briar's tor). */
    private ClassLoader loader(Path... jars) throws IOException {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        URLClassLoader loader = new URLClassLoader(urls, null);
        loaders.add(loader);
        return loader;
    }

    private static List<String> fileNames(String os, String arch) {
        return BundledTorLayout.forPlatform(os, arch).orElseThrow().stream().map(BundledTorLayout.Entry::fileName).toList();
    }

    private static byte[] fakeTor(String platform) {
        return ("#!/bin/sh\n# a stand-in tor for " + platform + "\n# " + "x".repeat(4096) + "\n"
                + "case \"$1\" in\n"
                + "  --version) echo 'Tor version 0.4.9.5.' ;;\n"
                + "  --list-modules) printf 'relay: yes\\ndirauth: yes\\ndircache: yes\\npow: yes\\n' ;;\n"
                + "esac\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fakeLib(String platform) {
        byte[] lib = new byte[64 * 1024];
        new Random(platform.hashCode()).nextBytes(lib);
        return lib;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static void flipByte(Path file, int fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / fraction] ^= 1;
        Files.write(file, bytes);
    }

    /** Which file this is on disk: a rewrite (temp file, rename) gives a new one. */
    private static Object identity(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        return attrs.fileKey() + " " + attrs.lastModifiedTime().toMillis();
    }
}
