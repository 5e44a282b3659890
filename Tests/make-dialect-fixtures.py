#!/usr/bin/env python3
"""Writes Tests/VentesCLITests/Fixtures/dialects/: the clean sample (csv/) as real exports write it.

Each directory holds magasins.csv, produits.csv and ventes.csv with the same logical data as csv/,
in one dialect. Run from the repository root; the output is committed byte for byte (.gitattributes).
"""
import csv, os, pathlib

root = pathlib.Path("Tests/VentesCLITests/Fixtures/dialects")
stores = list(csv.reader(open("csv/magasins.csv", encoding="utf-8")))[1:]
products = list(csv.reader(open("csv/produits.csv", encoding="utf-8")))[1:]
sales = list(csv.reader(open("csv/ventes.csv", encoding="utf-8")))[1:]


def write(directory, name, rows, delimiter=",", encoding="utf-8", bom=False, newline="\n", final_newline=True,
          quote_all=False, tail=""):
    path = root / directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    def cell(value):
        needs = quote_all or any(c in value for c in (delimiter, '"', "\n", "\r"))
        return '"' + value.replace('"', '""') + '"' if needs else value
    text = newline.join(delimiter.join(cell(v) for v in row) for row in rows)
    if final_newline:
        text += newline
    text += tail
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def fr_date(iso):
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def us_date(iso):
    y, m, d = iso.split("-")
    return f"{int(m)}/{int(d)}/{y}"


# French spreadsheet export: ';', Windows-1252, CRLF, decimal comma, dd/mm/yyyy, accented headers,
# and the ';;;' lines Excel leaves at the end.
d = "french-excel"
write(d, "magasins.csv", [["Numéro magasin", "Ville", "Nombre de salariés"]] + stores,
      delimiter=";", encoding="cp1252", newline="\r\n", tail=";;\r\n;;\r\n")
write(d, "produits.csv", [["Désignation", "Réf. produit", "Prix unitaire", "Stock"]]
      + [[n, r, p.replace(".", ","), s] for n, r, p, s in products],
      delimiter=";", encoding="cp1252", newline="\r\n", tail=";;;\r\n")
write(d, "ventes.csv", [["Date de vente", "Réf produit", "Qté", "Code magasin"]]
      + [[fr_date(a), b, c, e] for a, b, c, e in sales],
      delimiter=";", encoding="cp1252", newline="\r\n", tail=";;;\r\n")

# UTF-8 with a byte order mark and CRLF (Excel's "CSV UTF-8").
d = "utf8-bom-crlf"
write(d, "magasins.csv", [["ID Magasin", "Ville", "Nombre de salariés"]] + stores, bom=True, newline="\r\n")
write(d, "produits.csv", [["Nom", "ID Référence produit", "Prix", "Stock"]] + products, bom=True, newline="\r\n")
write(d, "ventes.csv", [["Date", "ID Référence produit", "Quantité", "ID Magasin"]] + sales, bom=True, newline="\r\n")

# UTF-8 without BOM, LF, no newline after the last line.
d = "lf-no-final-newline"
write(d, "magasins.csv", [["ID Magasin", "Ville", "Nombre de salariés"]] + stores, final_newline=False)
write(d, "produits.csv", [["Nom", "ID Référence produit", "Prix", "Stock"]] + products, final_newline=False)
write(d, "ventes.csv", [["Date", "ID Référence produit", "Quantité", "ID Magasin"]] + sales, final_newline=False)

# Tab-delimited.
d = "tab-delimited"
write(d, "magasins.csv", [["ID Magasin", "Ville", "Nombre de salariés"]] + stores, delimiter="\t")
write(d, "produits.csv", [["Nom", "ID Référence produit", "Prix", "Stock"]] + products, delimiter="\t")
write(d, "ventes.csv", [["Date", "ID Référence produit", "Quantité", "ID Magasin"]] + sales, delimiter="\t")

# Spaces around fields (plain and quoted), trailing empty lines.
d = "spaces-blank-lines"
def padded(rows):
    return [[f"  {v} " if i % 2 == 0 else f' "{v}"  ' for i, v in enumerate(row)] for row in rows]
def raw_rows(rows):
    return [",".join(row) for row in rows]
for name, header, rows in [("magasins.csv", ["ID Magasin", "Ville", "Nombre de salariés"], stores),
                           ("produits.csv", ["Nom", "ID Référence produit", "Prix", "Stock"], products),
                           ("ventes.csv", ["Date", "ID Référence produit", "Quantité", "ID Magasin"], sales)]:
    path = root / d / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n".join([" " + ", ".join(header) + " "] + raw_rows(padded(rows))) + "\n\n\n  \n\n").encode())

# US spreadsheet export: English headers, m/d/yyyy dates.
d = "us-export"
write(d, "magasins.csv", [["Store ID", "City", "Employees"]] + stores, newline="\r\n")
write(d, "produits.csv", [["Name", "SKU", "Unit Price", "Stock"]] + products, newline="\r\n")
write(d, "ventes.csv", [["Sale Date", "SKU", "Qty", "Store ID"]] + [[us_date(a), b, c, e] for a, b, c, e in sales],
      newline="\r\n")

# RFC 4180 quoting: every field quoted, and an extra column holding delimiters, doubled quotes and
# line breaks (ignored and reported once).
d = "quoted-multiline"
note = 'see "memo", line 1\nline 2; end'
write(d, "magasins.csv", [["ID Magasin", "Ville", "Nombre de salariés", "Commentaire"]]
      + [row + [note] for row in stores], quote_all=True)
write(d, "produits.csv", [["Nom", "ID Référence produit", "Prix", "Stock", "Commentaire"]]
      + [row + [note] for row in products], quote_all=True)
write(d, "ventes.csv", [["Date", "ID Référence produit", "Quantité", "ID Magasin", "Commentaire"]]
      + [row + [note] for row in sales], quote_all=True)

# Header variants: no accents, odd case, extra spaces, synonyms.
d = "header-variants"
write(d, "magasins.csv", [["  code MAGASIN ", "VILLE", "nombre de salaries  "]] + stores)
write(d, "produits.csv", [["nom du produit", "Ref produit", "PRIX", "stock"]] + products)
write(d, "ventes.csv", [["DATE VENTE", "ref   produit", "Qte", "N° magasin"]] + sales)

# ISO dates with a time part.
d = "iso-datetime"
write(d, "magasins.csv", [["ID Magasin", "Ville", "Nombre de salariés"]] + stores)
write(d, "produits.csv", [["Nom", "ID Référence produit", "Prix", "Stock"]] + products)
write(d, "ventes.csv", [["Date", "ID Référence produit", "Quantité", "ID Magasin"]]
      + [[a + (" 10:15:00" if i % 2 else "T09:30:00"), b, c, e] for i, (a, b, c, e) in enumerate(sales)])
