#!/usr/bin/env python3
"""Deterministic generator of the three CSV files at any size, in the brief's dialect.

    bench/generate.py OUT_DIR SALES [--products N] [--stores N] [--seed S] [--duplicates F] [--append N]
                      [--order date|store|random]

French headers, `,` delimiter, ISO dates, prices with a dot: exactly the brief's files, scaled up.
A fraction of the sales (default 0.5%) repeats an earlier row of the same file (in-file duplicates).
--append N writes ventes.csv as the same SALES rows followed by N new ones, all distinct and after the
base period (same seed: the first SALES rows are byte-identical to the plain file), to measure a
refreshed export.
--order writes the same rows in another order: `date` (an export sorted by sale time, the default),
`store` (each store's rows together, in date order within a store: a chain concatenating each store's
export), `random` (a seeded shuffle). With --append, the SALES rows come first in that order (the same
bytes as the file without --append), then the new rows in that order among themselves. Reordering goes
through temporary files, so memory stays small at any size.
"""
import argparse
import datetime
import os
import random
import tempfile

REGION_BY_CITY = {
    "Paris": "Île-de-France", "Marseille": "Provence-Alpes-Côte d'Azur", "Lyon": "Auvergne-Rhône-Alpes",
    "Bordeaux": "Nouvelle-Aquitaine", "Lille": "Hauts-de-France", "Nantes": "Pays de la Loire",
    "Strasbourg": "Grand Est", "Toulouse": "Occitanie", "Nice": "Provence-Alpes-Côte d'Azur",
    "Montpellier": "Occitanie", "Rennes": "Bretagne", "Reims": "Grand Est", "Le Havre": "Normandie",
    "Dijon": "Bourgogne-Franche-Comté", "Grenoble": "Auvergne-Rhône-Alpes", "Angers": "Pays de la Loire",
    "Brest": "Bretagne", "Tours": "Centre-Val de Loire", "Limoges": "Nouvelle-Aquitaine", "Amiens": "Hauts-de-France",
    "Metz": "Grand Est", "Besançon": "Bourgogne-Franche-Comté", "Orléans": "Centre-Val de Loire", "Rouen": "Normandie",
    "Caen": "Normandie", "Nancy": "Grand Est", "Avignon": "Provence-Alpes-Côte d'Azur", "Poitiers": "Nouvelle-Aquitaine",
    "Pau": "Nouvelle-Aquitaine", "Perpignan": "Occitanie",
}
CITIES = ["Paris", "Marseille", "Lyon", "Bordeaux", "Lille", "Nantes", "Strasbourg", "Toulouse", "Nice",
          "Montpellier", "Rennes", "Reims", "Le Havre", "Dijon", "Grenoble", "Angers", "Brest", "Tours",
          "Limoges", "Amiens", "Metz", "Besançon", "Orléans", "Rouen", "Caen", "Nancy", "Avignon", "Poitiers",
          "Pau", "Perpignan"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("sales", type=int)
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--stores", type=int, default=50)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--duplicates", type=float, default=0.005)
    parser.add_argument("--append", type=int, default=0)
    parser.add_argument("--order", choices=["date", "store", "random"], default="date")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)

    with open(os.path.join(args.out, "magasins.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("ID Magasin,Ville,Nombre de salariés\n")
        for i in range(1, args.stores + 1):
            f.write(f"{i},{CITIES[(i - 1) % len(CITIES)]},{rng.randint(3, 40)}\n")

    with open(os.path.join(args.out, "produits.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("Nom,ID Référence produit,Prix,Stock\n")
        for i in range(1, args.products + 1):
            cents = rng.randint(199, 49999)
            f.write(f"Produit {i},REF{i:05d},{cents // 100}.{cents % 100:02d},{rng.randint(0, 500)}\n")

    start = datetime.date(2023, 1, 1)
    dates = [(start + datetime.timedelta(days=d)).isoformat() for d in range(6 * 365)]
    span = 3 * 365  # the first SALES rows cover three years; appended rows come after
    recent = []
    shuffle_rng = random.Random(args.seed + 1)
    with open(os.path.join(args.out, "ventes.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("Date,ID Référence produit,Quantité,ID Magasin\n")
        with Reorderer(f, args.order, args.stores, args.sales, shuffle_rng) as base:
            for n in range(args.sales):
                if recent and rng.random() < args.duplicates:
                    line = recent[rng.randrange(len(recent))]
                else:
                    line = (f"{dates[min((n * span) // max(args.sales, 1), len(dates) - 1)]},REF{rng.randint(1, args.products):05d},"
                            f"{rng.randint(1, 20)},{rng.randint(1, args.stores)}\n")
                    if len(recent) < 1000:
                        recent.append(line)
                    else:
                        recent[rng.randrange(1000)] = line
                base.add(line)
        with Reorderer(f, args.order, args.stores, args.append, shuffle_rng) as appended:
            for k in range(args.append):
                # Appended rows: new days after the base period, each row a distinct key, so that
                # exactly --append rows are new.
                day = dates[min(span + k // 1000, len(dates) - 1)]
                appended.add(f"{day},REF{k % args.products + 1:05d},{(k // (args.products * args.stores)) % 20 + 1},"
                             f"{(k // args.products) % args.stores + 1}\n")


class Reorderer:
    """Writes lines generated in date order to `out` in `order`, through temporary bucket files:
    one per store (store order: stable, so each store's rows stay in date order), or random buckets
    each shuffled in memory (random order: a uniform shuffle of the whole, ~200,000 rows a bucket)."""

    def __init__(self, out, order, stores, rows, rng):
        self.out, self.order, self.rng = out, order, rng
        self.buffer = []
        self.buckets = []
        if order == "store":
            count = stores
        elif order == "random":
            count = max(1, rows // 200_000)
        else:
            count = 0
        if count:
            self.directory = tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(out.name)))
            self.buckets = [[] for _ in range(count)]
            self.files = [open(os.path.join(self.directory.name, str(i)), "w+", encoding="utf-8", newline="")
                          for i in range(count)]

    def add(self, line):
        if not self.buckets:
            self.buffer.append(line)
            if len(self.buffer) >= 100_000:
                self.out.write("".join(self.buffer))
                self.buffer.clear()
            return
        if self.order == "store":
            index = int(line.rsplit(",", 1)[1]) - 1
        else:
            index = self.rng.randrange(len(self.buckets))
        bucket = self.buckets[index]
        bucket.append(line)
        if len(bucket) >= 10_000:
            self.files[index].write("".join(bucket))
            bucket.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if not self.buckets:
            self.out.write("".join(self.buffer))
            return False
        for index, file in enumerate(self.files):
            file.write("".join(self.buckets[index]))
            file.seek(0)
            lines = file.readlines()
            file.close()
            if self.order == "random":
                self.rng.shuffle(lines)
            self.out.write("".join(lines))
        self.directory.cleanup()
        return False

if __name__ == "__main__":
    main()
