"""Extract the member communes of the five EPCI from ``@etalab/decoupage-administratif``.

Run once, by hand, when the package publishes a new version; the result is committed as
``communes.json`` so that the demo command needs neither npm nor the network::

    cd /tmp && npm pack @etalab/decoupage-administratif && tar xzf etalab-*.tgz
    python cms_pages/demo/extract_communes.py /tmp/package > cms_pages/demo/communes.json
"""

import json
import sys
import unicodedata
from pathlib import Path

SIRENS = ["200069052", "200065647", "247000722", "249000241", "200069060"]


def sort_key(name):
    """French alphabetical order: accents and case ignored."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def extract(package_dir):
    """Return the committed data structure, read from an unpacked npm package."""
    package = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    epcis = json.loads((package_dir / "data" / "epci.json").read_text(encoding="utf-8"))
    by_siren = {epci["code"]: epci for epci in epcis}
    return {
        "source": f"{package['name']} {package['version']} (data/epci.json, licence MIT)",
        "package": package["name"],
        "version": package["version"],
        "epci": {
            siren: {
                "name": by_siren[siren]["nom"],
                "type": by_siren[siren]["type"],
                "communes": [
                    {"insee_code": member["code"], "name": member["nom"]}
                    for member in sorted(
                        by_siren[siren]["membres"], key=lambda m: sort_key(m["nom"])
                    )
                ],
            }
            for siren in SIRENS
        },
    }


if __name__ == "__main__":
    data = extract(Path(sys.argv[1]))
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
