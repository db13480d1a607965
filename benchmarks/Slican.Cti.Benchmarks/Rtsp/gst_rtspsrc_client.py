#!/usr/bin/python3
"""GStreamer's rtspsrc as the comparison client for the RTSP benchmark (run with /usr/bin/python3).

Usage: gst_rtspsrc_client.py URL h264|mjpeg SECONDS [any-frame]
Imports and initialises GStreamer first, prints READY, waits for a line on stdin, then measures: time from
PLAYING to the first depayloaded frame (for H.264 rtph264depay wait-for-keyframe=true, like the SDK client, unless
"any-frame" is given), frames in the next SECONDS, and this process's CPU time over that window. Prints one JSON line.
"""
import json
import sys
import time

import gi

gi.require_version("Gst", "1.0")
from gi.repository import GLib, Gst  # noqa: E402


def main():
    url, codec, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    wait = "false" if len(sys.argv) > 4 and sys.argv[4] == "any-frame" else "true"
    Gst.init(None)
    if codec == "h264":
        depay = "rtph264depay wait-for-keyframe=%s ! video/x-h264,stream-format=byte-stream,alignment=au" % wait
    else:
        depay = "rtpjpegdepay"
    pipeline = Gst.parse_launch(
        "rtspsrc location=%s protocols=tcp latency=0 ! %s ! fakesink name=sink signal-handoffs=true sync=false" % (url, depay))
    state = {"first": None, "frames": 0, "cpu0": None, "window_start": None}
    loop = GLib.MainLoop()

    def on_handoff(_sink, _buffer, _pad):
        now = time.perf_counter()
        if state["first"] is None:
            state["first"] = now
            state["window_start"] = now
            state["cpu0"] = time.process_time()
            GLib.timeout_add(int(seconds * 1000), loop.quit)
        else:
            state["frames"] += 1

    pipeline.get_by_name("sink").connect("handoff", on_handoff)
    bus = pipeline.get_bus()
    bus.add_signal_watch()
    bus.connect("message::error", lambda *_: loop.quit())
    print("READY", flush=True)
    sys.stdin.readline()
    start = time.perf_counter()
    pipeline.set_state(Gst.State.PLAYING)
    GLib.timeout_add(int((seconds + 30) * 1000), loop.quit)
    loop.run()
    end = time.perf_counter()
    cpu = time.process_time() - (state["cpu0"] or 0)
    pipeline.set_state(Gst.State.NULL)
    if state["first"] is None:
        print(json.dumps({"error": "no frame"}), flush=True)
        return 1
    window = end - state["window_start"]
    print(json.dumps({
        "ttff_ms": (state["first"] - start) * 1000,
        "fps": state["frames"] / window,
        "cpu_ms_per_s": cpu * 1000 / window,
    }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
