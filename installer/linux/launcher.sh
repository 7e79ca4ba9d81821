#!/bin/sh
# Onion Panel's launcher on Linux (bin/onion-panel). It replaces jpackage's native launcher, which runs
# "dpkg -S" on itself before every start (0.1-0.2 s), and it can set what only an environment can:
# GDK_GL=disable keeps GTK from loading OpenGL (Mesa's LLVM, ~50 MB resident) that Prism's software
# renderer never uses. The JVM options are installer/desktop-jvm.options, copied at build time; the
# class-data-sharing archive is dumped for this installation's paths by the package's postinst.
here=$(dirname "$(readlink -f "$0")")
app="$here/../lib/app"
# The engine (onion-panel [--data-dir DIR] daemon: the system unit, the login unit, the engine the window starts)
# gets its own small-heap options, class-data archive (installer/engine-jvm.options, postinst) and jar: the same
# classes as onion-panel.jar, with a class path without the window's libraries (JavaFX, ControlsFX, ZXing).
name=onion-panel
case "$1" in
    daemon) name=onion-panel-engine ;;
    --data-dir=*) [ "$2" = daemon ] && name=onion-panel-engine ;;
    --data-dir) [ "$3" = daemon ] && name=onion-panel-engine ;;
esac
# The window (no command, as Main tells them apart) gets the window's archive: the CLI's holds the engine for "run",
# which a window attached to its engine never loads but would map (5.9 MB resident).
archive=$name
if [ $# -eq 0 ] || { [ $# -eq 2 ] && [ "$1" = --data-dir ]; }; then
    archive=onion-panel-window
fi
: "${GDK_GL:=disable}"
export GDK_GL
exec "$here/../lib/runtime/bin/java" "@$app/$name.jvmargs" \
    "-XX:SharedArchiveFile=$app/$archive.jsa" \
    -cp "$app/$name.jar" io.onionpanel.Main "$@"
