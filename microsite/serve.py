"""The live preview: build, serve, rebuild on every change, reload the browser.

The server is given a rebuild function and nothing else; it knows nothing of
the build. A failed rebuild is printed and the last good site stays served.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .errors import ContentErrors
from .pipeline import build


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          out: Path | None = None) -> int:
    from livereload import Server

    out = out or Path(tempfile.mkdtemp(prefix="microsite-preview-")) / "site"
    base_url = f"http://{'localhost' if host in ('127.0.0.1', 'localhost') else host}:{port}/"

    def rebuild() -> None:
        try:
            print(build(root, out, base_url).summary(), flush=True)
        except ContentErrors as exc:
            print(exc.format(Path.cwd()), file=sys.stderr, flush=True)

    rebuild()
    server = Server()
    for folder in ("content", "templates", "static"):
        server.watch(str(root / folder), rebuild, delay=0.1)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {host}: other computers on the network can see the preview", flush=True)
    server.serve(host=host, port=port, root=str(out), open_url_delay=0.5 if open_browser else None)
    return 0
