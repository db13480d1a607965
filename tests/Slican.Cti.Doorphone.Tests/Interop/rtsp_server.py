#!/usr/bin/python3
"""Test RTSP server for Slican.Cti.Doorphone interop tests (GStreamer gst-rtsp-server, loopback only).

Usage: /usr/bin/python3 rtsp_server.py PORT [--digest USER:PASSWORD] [--basic USER:PASSWORD]

Mounts: /h264 (x264enc), /mjpeg (jpegenc), /h265 (x265enc, only when the encoder is installed).
Prints "READY <port> <mounts>" on stdout once the server listens, then runs until killed.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402


def main():
    Gst.init(None)
    args = sys.argv[1:]
    if not args:
        print("usage: rtsp_server.py PORT [--digest USER:PASSWORD] [--basic USER:PASSWORD]", file=sys.stderr)
        return 64
    port = args[0]
    digest = None
    basic = None
    i = 1
    while i < len(args):
        if args[i] == "--digest":
            digest = args[i + 1].split(":", 1)
            i += 2
        elif args[i] == "--basic":
            basic = args[i + 1].split(":", 1)
            i += 2
        else:
            print("unknown argument " + args[i], file=sys.stderr)
            return 64

    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    mounts = server.get_mount_points()

    # 640x360 at 25 frames/s, a keyframe every second so that a late joiner gets a picture quickly.
    source = "videotestsrc is-live=true pattern=ball ! video/x-raw,format=I420,width=640,height=360,framerate=25/1"
    pipelines = {
        "/h264": "( %s ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=1000 "
                 "! rtph264pay name=pay0 pt=96 config-interval=-1 )" % source,
        "/mjpeg": "( %s ! jpegenc quality=70 ! rtpjpegpay name=pay0 pt=26 )" % source,
    }
    if Gst.ElementFactory.find("x265enc") is not None:
        pipelines["/h265"] = ("( %s ! x265enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=1000 "
                              "! rtph265pay name=pay0 pt=97 config-interval=-1 )" % source)

    auth = None
    if digest or basic:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "viewer")
        if digest:
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
            auth.add_digest(digest[0], digest[1], token)
        else:
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.BASIC)
            auth.add_basic(GstRtspServer.RTSPAuth.make_basic(basic[0], basic[1]), token)
        server.set_auth(auth)

    for path, launch in pipelines.items():
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(launch)
        factory.set_shared(True)
        if auth is not None:
            permissions = GstRtspServer.RTSPPermissions()
            permissions.add_permission_for_role("viewer", GstRtspServer.RTSP_PERM_MEDIA_FACTORY_ACCESS, True)
            permissions.add_permission_for_role("viewer", GstRtspServer.RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, True)
            factory.set_permissions(permissions)
        mounts.add_factory(path, factory)

    if server.attach(None) == 0:
        print("cannot listen on 127.0.0.1:%s" % port, file=sys.stderr)
        return 69
    print("READY %s %s" % (server.get_bound_port(), ",".join(sorted(pipelines))), flush=True)
    GLib.MainLoop().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
