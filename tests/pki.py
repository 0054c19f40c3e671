"""The throw-away PKI and images of tools/signing_examples.py, for the signing tests."""

from __future__ import annotations

import importlib.util
import sys

from samples import PROJECT_ROOT

_spec = importlib.util.spec_from_file_location("signing_examples", PROJECT_ROOT / "tools" / "signing_examples.py")
assert _spec is not None and _spec.loader is not None
_module = importlib.util.module_from_spec(_spec)
sys.modules["signing_examples"] = _module
_spec.loader.exec_module(_module)

PASSWORD, SEAL_MM, Pki = _module.PASSWORD, _module.SEAL_MM, _module.Pki
make_pki, signature_png, seal_png = _module.make_pki, _module.signature_png, _module.seal_png
