/// The ids a stores or products file lists more than once with different values.
///
/// The last line wins, as a later export would; each such id gets one warning naming its lines and
/// the fields that differ, with their values in line order. Only the ids are remembered (and, for
/// an id listed again, its lines): the values of its line before are what the database holds then.
struct ConflictingRows {
    /// A field of a row as a warning shows it: `price`, `49.99`.
    struct Field: Equatable {
        let name: String
        let value: String
    }

    private struct Repeats {
        var lines: [Int]
        /// Each field that differs from one line to the next, with its values in line order.
        var changes: [(name: String, values: [String])] = []
    }

    private var firstLines: [ExactText: Int] = [:]
    private var repeats: [ExactText: Repeats] = [:]

    /// Records that `id` is on `line`; true when an earlier line of the file had it.
    mutating func isRepeated(_ id: String, line: Int) -> Bool {
        let key = ExactText(id)
        guard let first = firstLines[key] else {
            firstLines[key] = line
            return false
        }
        repeats[key, default: Repeats(lines: [first])].lines.append(line)
        return true
    }

    /// Records the fields of `id` on its latest line against those of the line before.
    mutating func compare(_ id: String, before: [Field], now: [Field]) {
        let key = ExactText(id)
        guard var entry = repeats[key] else { return }
        for (old, new) in zip(before, now) where old != new {
            if let index = entry.changes.firstIndex(where: { $0.name == new.name }) {
                entry.changes[index].values.append(new.value)
            } else {
                entry.changes.append((new.name, [old.value, new.value]))
            }
        }
        repeats[key] = entry
    }

    /// One warning per id whose lines differ, in the order of their first line:
    /// `produits.csv: product REF001 is on lines 3 and 7 with different values (price 49.99 then 59.99): the last line is imported`.
    func warnings(source: String, noun: String) -> [String] {
        repeats.filter { !$0.value.changes.isEmpty }
            .sorted { $0.value.lines[0] < $1.value.lines[0] }
            .map { id, entry in
                let changes = entry.changes.map { "\($0.name) \(Self.list($0.values, limit: 5, joiner: " then "))" }
                return "\(source): \(noun) \(id.text) is on lines \(Self.list(entry.lines.map(String.init), limit: 10, joiner: ", ", last: " and ")) "
                    + "with different values (\(changes.joined(separator: "; "))): the last line is imported"
            }
    }

    /// `a, b and c`; past `limit` items, the first ones, `…` and the last one.
    private static func list(_ items: [String], limit: Int, joiner: String, last: String? = nil) -> String {
        let shown = items.count <= limit ? items : Array(items.prefix(limit - 2)) + ["…", items[items.count - 1]]
        guard let last, shown.count > 1 else { return shown.joined(separator: joiner) }
        return shown.dropLast().joined(separator: joiner) + last + shown[shown.count - 1]
    }
}

extension StoreRecord {
    /// The fields a conflicting line is compared on, as a warning shows them.
    var comparedFields: [ConflictingRows.Field] {
        [.init(name: "city", value: "\"\(city)\""), .init(name: "region", value: region.map { "\"\($0)\"" } ?? "none"),
         .init(name: "employees", value: employees.map(String.init) ?? "empty")]
    }
}

extension ProductRecord {
    /// The fields a conflicting line is compared on, as a warning shows them.
    var comparedFields: [ConflictingRows.Field] {
        [.init(name: "name", value: "\"\(name)\""), .init(name: "price", value: price.description),
         .init(name: "stock", value: stock.map(String.init) ?? "empty")]
    }
}
