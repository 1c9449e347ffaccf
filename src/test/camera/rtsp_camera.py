#!/usr/bin/python3
"""A real RTSP camera for tests: GStreamer's gst-rtsp-server with an H.264 test
pattern (1 s GOP, or --gop SECONDS) and G.711 A-law audio, like a typical IP camera.

Prints one line per event on stdout so a test can follow the camera's view:
  READY rtsp://127.0.0.1:PORT/MOUNT
  CONNECTED <active clients>
  CLOSED <active clients>
"""
import argparse
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8554)
    parser.add_argument("--mount", default="/cam")
    parser.add_argument("--fps", type=int, default=25)
    parser.add_argument("--gop", type=int, default=1, help="seconds between keyframes (key-int-max = fps * gop)")
    parser.add_argument("--width", type=int, default=640)
    parser.add_argument("--height", type=int, default=360)
    parser.add_argument("--no-audio", action="store_true")
    parser.add_argument("--tls", metavar="PEM", help="serve RTSPS with this certificate and key (PEM)")
    args = parser.parse_args()

    Gst.init(None)
    video = (
        "videotestsrc is-live=true pattern=ball ! "
        f"video/x-raw,width={args.width},height={args.height},framerate={args.fps}/1 ! "
        "timeoverlay ! videoconvert ! "
        f"x264enc tune=zerolatency speed-preset=ultrafast key-int-max={args.fps * args.gop} bitrate=600 ! "
        "video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=1"
    )
    audio = (
        " audiotestsrc is-live=true wave=sine freq=440 ! "
        "audio/x-raw,rate=8000,channels=1 ! alawenc ! rtppcmapay name=pay1 pt=8"
    )
    launch = "( " + video + ("" if args.no_audio else audio) + " )"

    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    factory.set_shared(True)
    # A live camera cannot seek, and this says so: with RFC 7273 clock signalling gst-rtsp-server takes the media
    # for unseekable. Otherwise each PLAY (FFmpeg sends "Range: npt=0.000-") seeks the shared pipeline, and a PLAY
    # while another client's session starts or ends deadlocks the server (1.22: gst_rtsp_stream_set_blocked):
    # first clients get "Operation not permitted" or "Invalid data", then every later one hangs at OPTIONS.
    # FFmpeg ignores the extra SDP lines (a=ts-refclk, a=mediaclk).
    factory.set_publish_clock_mode(GstRtspServer.RTSPPublishClockMode.CLOCK_AND_OFFSET)
    if args.tls:
        from gi.repository import Gio  # noqa: E402
        auth = GstRtspServer.RTSPAuth()
        auth.set_tls_certificate(Gio.TlsCertificate.new_from_file(args.tls))
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "anonymous")
        auth.set_default_token(token)
        server.set_auth(auth)
        role = Gst.Structure.from_string(
            "anonymous, media.factory.access=(boolean)true, media.factory.construct=(boolean)true")[0]
        factory.add_role_from_structure(role)
    server.get_mount_points().add_factory(args.mount, factory)

    clients = {"active": 0}

    def on_closed(_client):
        clients["active"] -= 1
        print(f"CLOSED {clients['active']}", flush=True)

    def on_connected(_server, client):
        clients["active"] += 1
        client.connect("closed", on_closed)
        print(f"CONNECTED {clients['active']}", flush=True)

    server.connect("client-connected", on_connected)
    if server.attach(None) == 0:
        print(f"ERROR cannot listen on port {args.port}", flush=True)
        sys.exit(1)

    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    scheme = "rtsps" if args.tls else "rtsp"
    print(f"READY {scheme}://127.0.0.1:{args.port}{args.mount}", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
