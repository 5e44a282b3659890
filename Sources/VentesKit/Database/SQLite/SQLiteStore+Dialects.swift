import GRDB

extension SQLiteStore {
    /// The day/month order an earlier import of the same source settled on, if one did.
    ///
    /// A source is the same when its path or its header line is: a file of rejected rows written
    /// back by `ventes rejects --format csv` carries its source's header, so it is the same source.
    public func rememberedDateFormat(kind: FileKind, source: String, headerText: String) throws -> DateColumnFormat? {
        try read { db in
            let name = try String.fetchOne(db, sql: """
                SELECT date_format FROM import_file
                WHERE kind = ? AND (source = ? OR header_text = ?) AND date_format IN (?, ?)
                ORDER BY import_id DESC LIMIT 1
                """, arguments: [kind.rawValue, source, headerText,
                                 DateColumnFormat.dayMonthYear.rawValue, DateColumnFormat.monthDayYear.rawValue])
            return name.flatMap(DateColumnFormat.init(rawValue:))
        }
    }
}
