#!/bin/sh
# Moves of issue #14's one-way feature graph, and the rewrite of every reference to them.
# Idempotent: re-run it after a merge (from the top of the work tree) to fix files that still name the old places.
#   sh .moves.sh            move what is still in its old place, then rewrite src/main/java and src/test/java
# A move is "old.package.Name new.package.Name"; its unit test <Name>Test moves with it.
set -e
cd "$(dirname "$0")"
MOVES='
org.hlsgateway.channels.entity.VideoMode          org.hlsgateway.transcoding.entity.VideoMode
org.hlsgateway.channels.entity.AudioMode          org.hlsgateway.transcoding.entity.AudioMode
org.hlsgateway.channels.entity.RtspTransport      org.hlsgateway.transcoding.entity.RtspTransport
org.hlsgateway.channels.control.SourceUrl         org.hlsgateway.transcoding.control.SourceUrl
org.hlsgateway.channels.control.FieldError        org.hlsgateway.api.FieldError
org.hlsgateway.iptv.control.PublicUrl             org.hlsgateway.api.PublicUrl
org.hlsgateway.api.ErrorMappers                   org.hlsgateway.ErrorMappers
org.hlsgateway.playback.control.PlaybackToken     org.hlsgateway.security.control.PlaybackToken
org.hlsgateway.playback.control.TokenGrant        org.hlsgateway.security.control.TokenGrant
org.hlsgateway.playback.control.TokenRevocations  org.hlsgateway.security.control.TokenRevocations
org.hlsgateway.playback.control.TokenScope        org.hlsgateway.security.control.TokenScope
org.hlsgateway.playback.control.TokenTtl          org.hlsgateway.security.control.TokenTtl
org.hlsgateway.playback.boundary.PlaybackAccess   org.hlsgateway.security.boundary.PlaybackAccess
'
export MOVES
python3 - <<'EOF'
import os, re, subprocess

moves = [tuple(l.split()) for l in os.environ["MOVES"].strip().splitlines()]
# Calls renamed, with the import the new name needs: building a TranscodeSpec from a Channel is the channels' job.
calls = [(r"\bTranscodeSpec(\.|::)of\b", r"ChannelSpecs\1of", "org.hlsgateway.channels.control.ChannelSpecs")]

def path(root, fqn, suffix=""):
    return os.path.join(root, *fqn.split(".")) + suffix + ".java"

for old, new in moves:
    for root, suffix in (("src/main/java", ""), ("src/test/java", "Test")):
        src, dst = path(root, old, suffix), path(root, new, suffix)
        if os.path.exists(src) and not os.path.exists(dst):
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            subprocess.run(["git", "mv", src, dst], check=True)

def pkg(fqn):
    return fqn.rsplit(".", 1)[0]

def add_import(text, fqn):
    if re.search(r"^import\s+" + re.escape(fqn) + r"\s*;", text, re.M):
        return text
    imports = list(re.finditer(r"^import\s[^;]+;\n", text, re.M))
    at = imports[-1].end() if imports else re.search(r"^package\s[^;]+;\n", text, re.M).end()
    sep = "" if imports else "\n"
    return text[:at] + sep + "import " + fqn + ";\n" + text[at:]

def body(text):
    """The text without package and import lines, to see what a file uses."""
    return re.sub(r"^(package|import)\s[^;]+;", "", text, flags=re.M)

for root in ("src/main/java", "src/test/java"):
    for d, _, files in os.walk(root):
        for f in files:
            if not f.endswith(".java"):
                continue
            p = os.path.join(d, f)
            text = orig = open(p, encoding="utf-8").read()
            m = re.search(r"^package\s+([\w.]+)\s*;", text, re.M)
            here = m.group(1) if m else ""
            name = f[:-5]
            for old, new in moves:
                # a moved class (or its test) declares its new package
                if here == pkg(old) and name in (new.rsplit(".", 1)[1], new.rsplit(".", 1)[1] + "Test") \
                        and os.path.abspath(p) in (os.path.abspath(path(root, new)), os.path.abspath(path(root, new, "Test"))):
                    text = re.sub(r"^package\s+[\w.]+\s*;", "package " + pkg(new) + ";", text, count=1, flags=re.M)
                    here = pkg(new)
                    # it used the classes it left behind without an import
                    for r in ("src/main/java", "src/test/java"):
                        left = os.path.join(r, *pkg(old).split("."))
                        for g in sorted(os.listdir(left)) if os.path.isdir(left) else []:
                            if g.endswith(".java") and re.search(r"(?<![\w.])" + g[:-5] + r"\b", body(text)):
                                text = add_import(text, pkg(old) + "." + g[:-5])
            for old, new in moves:
                # every qualified name: imports, static imports, inline references, javadoc
                text = re.sub(re.escape(old) + r"(?![\w])", new, text)
            for old, new in moves:
                simple = new.rsplit(".", 1)[1]
                if name == simple or pkg(new) == here:
                    continue
                # a class of the old package used the moved one without an import
                if here == pkg(old) and re.search(r"(?<![\w.])" + simple + r"\b", body(text)):
                    text = add_import(text, new)
            for pattern, repl, fqn in calls:
                if re.search(pattern, text):
                    text = re.sub(pattern, repl, text)
                    if here != pkg(fqn):
                        text = add_import(text, fqn)
            # an import of a class of the file's own package is redundant
            text = re.sub(r"^import\s+" + re.escape(here) + r"\.[A-Z]\w*\s*;\n", "", text, flags=re.M) if here else text
            if text != orig:
                open(p, "w", encoding="utf-8").write(text)
                print("rewrote", p)
EOF
