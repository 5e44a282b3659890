/// Where the last import of a sales file stopped, when the file starts with exactly its bytes.
struct ResumePoint {
    let previous: PreviousFileImport
    /// The SHA-256 state after the prefix, so that the whole file's hash goes on from there.
    let hasher: ByteStream.HashState

    /// The date format of the whole file from the last import's and the new rows' — or nil when the
    /// new rows would make a full comparison decide the column differently (the whole file is then read).
    func dateFormat(tail: DateColumnSurvey, option: DateColumnFormat?) -> DecidedDateFormat? {
        guard let format = previous.dateFormat, let origin = previous.dateFormatOrigin else { return nil }
        if let option { return option == format ? DecidedDateFormat(format: option, origin: .option) : nil }
        // The rows before were read as an option said; without it the file decides: read it all.
        if origin == .option { return nil }
        switch tail.verdict {
        case .iso: return DecidedDateFormat(format: format, origin: origin)
        case .ambiguous: return format == .iso ? nil : DecidedDateFormat(format: format, origin: origin)
        case .settled(let settled): return settled == format ? DecidedDateFormat(format: format, origin: .detected) : nil
        case .conflicting: return nil
        }
    }
}
