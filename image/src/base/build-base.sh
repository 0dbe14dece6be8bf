#!/usr/bin/env bash
# Assembles the image's offline base: a Docker-format image tarball (what Jib reads as a tar://
# base) built only from what the build machine has, for CI where no container registry is reachable.
#   build-base.sh JAVA_HOME OUTPUT_DIR BASE_REF
# 1. jlink a Java runtime with the modules gridshift uses (below) into rootfs/opt/java/openjdk, the
#    path eclipse-temurin uses, with the host's CA certificates as its trust store (no native GUI
#    libraries: java.desktop is there for java.beans);
# 2. copy the shared libraries the runtime's executables and libraries need (ldd), and the loader;
# 3. add /etc/passwd and /etc/group with the nonroot user 65532, nsswitch.conf, /tmp (1777) and
#    /home/nonroot owned by 65532;
# 4. pack it as one layer with its config and manifest.json into OUTPUT_DIR/gridshift-base.tar.
# Done once: kept until `mvn clean`, this script changes or JAVA_HOME differs. Does nothing when
# BASE_REF is not the tarball it builds (a registry base chosen with -Dimage.base=...).
set -euo pipefail
java_home=$1 out=$2 base_ref=$3
tarball="$out/gridshift-base.tar"
[[ "$base_ref" == "tar://$tarball" ]] || exit 0
built_from="$out/built-from"   # the JDK the cached tarball was linked from
[[ -f "$tarball" && "$tarball" -nt "$0" && "$(cat "$built_from" 2>/dev/null)" == "$java_home" ]] && exit 0

# Found with jdeps over the worker's and the starter's runtime jars, then run: java.desktop is
# java.beans (Jersey, Hibernate Validator), java.transaction.xa the Hot Rod client, java.security.sasl
# its digest auth, jdk.crypto.ec TLS, jdk.management the SDK's and Micrometer's JVM metrics.
# jdk.httpserver is there for a small HTTP endpoint (health, metrics) on the JDK's own server;
# java.instrument and jdk.jdwp.agent let JAVA_TOOL_OPTIONS add an agent or a debugger. A new
# dependency that needs another module: add it here (ImageIT runs each role in the image).
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management
modules+=,java.naming,java.net.http,java.rmi,java.scripting,java.security.jgss,java.security.sasl
modules+=,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.jdwp.agent
modules+=,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs

if [[ ! -d "$java_home/jmods" ]]; then
  echo "build-base.sh: $java_home has no jmods/, so jlink cannot build the image's runtime." \
    "Point -Dimage.jdk at a full JDK 17 (Debian: openjdk-17-jdk-headless ships jmods/; other" \
    "distributions: openjdk-17-jmods), or build on a registry base: mvn -Pimage package -Dimage.base=eclipse-temurin:17-jre" >&2
  exit 1
fi

work="$out/work" rootfs="$out/work/rootfs" java_dir=opt/java/openjdk
rm -rf "$work" && mkdir -p "$rootfs/opt/java"
# java.desktop's native graphics, sound and fonts are left out: they need X11 and font libraries, and
# java.beans needs none of them. The CDS archive keeps start-up as quick as a full JDK's.
gui_libs='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so,**/libfontmanager.so'
gui_libs+=',**/liblcms.so,**/libjavajpeg.so'
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --exclude-files="$gui_libs" --generate-cds-archive --output "$rootfs/$java_dir"
# Debian's JDK links its trust store to the system's; a runtime of its own needs the real file.
if [[ -f /etc/ssl/certs/java/cacerts ]]; then
  cp -L /etc/ssl/certs/java/cacerts "$rootfs/$java_dir/lib/security/cacerts"
fi

# Every library an ELF file of the runtime needs, at the path the host's loader found it.
find "$rootfs/$java_dir" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}' | sort -u \
  | grep -v "^$rootfs/" | while read -r lib; do cp -L --parents "$lib" "$rootfs/"; done

mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/home/nonroot"
chmod 1777 "$rootfs/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
  >"$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$rootfs/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$rootfs/etc/hosts"

# One layer, owned by root except the nonroot user's home; fixed times so a rebuild is identical.
layer="$work/layer.tar"
tar_opts=(--sort=name --mtime=@0 --numeric-owner --format=posix --pax-option=delete=atime,delete=ctime)
tar -cf "$layer" "${tar_opts[@]}" --owner=0 --group=0 --exclude=./home/nonroot -C "$rootfs" .
tar -rf "$layer" "${tar_opts[@]}" --owner=65532 --group=65532 -C "$rootfs" ./home/nonroot
diff_id=$(sha256sum "$layer" | cut -d' ' -f1)

path=/$java_dir/bin:/usr/local/bin:/usr/bin:/bin
case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
cat >"$work/config.json" <<EOF
{"architecture":"$arch","os":"linux",
 "config":{"Env":["PATH=$path","JAVA_HOME=/$java_dir","LANG=C.UTF-8"],"User":"65532:65532"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"gridshift image/src/base/build-base.sh: jlink ($modules)"}]}
EOF
echo '[{"Config":"config.json","RepoTags":["gridshift/base:local"],"Layers":["layer.tar"]}]' \
  >"$work/manifest.json"
tar -cf "$tarball.tmp" "${tar_opts[@]}" --owner=0 --group=0 -C "$work" manifest.json config.json layer.tar
mv "$tarball.tmp" "$tarball"
echo "$java_home" >"$built_from"
rm -rf "$work"
echo "build-base.sh: $tarball ($(du -h "$tarball" | cut -f1)): Java runtime of $java_home, $(tr , ' ' <<<"$modules" | wc -w) modules"
