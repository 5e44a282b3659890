/// Streams the records of an RFC 4180 CSV file, keeping physical line numbers.
///
/// Written by hand rather than with CSV.swift or SwiftCSV because the importer needs what
/// neither gives: the physical line where each record starts (a quoted field may span lines),
/// the record's raw text for the quarantine, bounded memory on files larger than RAM, a cap on
/// a single record's size, and byte-level speed (fields are decoded only once a record is whole).
struct CSVReader {
    private let stream: ByteStream
    private let delimiter: UInt8
    private let encoding: TextEncoding
    private let maxRecordBytes: Int

    private var buffer: [UInt8]
    private var position: Int
    private var nextLine: Int
    /// Where each field of the record being read ends (the first `fieldCount`): kept from record
    /// to record so that its storage is allocated once, not per record.
    private var fieldEnds: [Int] = []
    private var fieldCount = 0
    /// The fields of the last plain record, whose storage the next one reuses (see finishRecord).
    private var plainFields: [String] = []
    /// The NFC form of the fields seen not in NFC, by their bytes (hashing a String would normalise
    /// it), up to `composedFieldsLimit` of them: the same ids and cities come back on many lines of
    /// a decomposed file, and a lookup costs far less than Foundation's normalisation.
    private var composedFields: [ExactText: String] = [:]
    private static let composedFieldsLimit = 4096

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    /// Starts reading after `start` bytes of `initialBytes`, which came from `stream` already.
    init(stream: ByteStream, initialBytes: [UInt8], start: Int, dialect: CSVDialect, maxRecordBytes: Int) {
        self.stream = stream
        self.delimiter = dialect.delimiter
        self.encoding = dialect.encoding
        self.maxRecordBytes = maxRecordBytes
        self.buffer = initialBytes
        self.position = start
        self.nextLine = 1
    }

    /// The bytes of the file parsed so far (read ahead but not parsed bytes excluded).
    var bytesConsumed: Int { stream.bytesRead - (buffer.count - position) }

    /// The number of physical lines read so far (complete lines, and a last one without line feed).
    var linesRead: Int { nextLine - 1 }

    /// Drops what is buffered and goes on at byte `offset` of the file, which is physical line `line`
    /// (the bytes before it count as read and hashed into `hasher`).
    mutating func resume(atOffset offset: Int, line: Int, hasher: ByteStream.HashState) throws {
        try stream.resume(atOffset: offset, hasher: hasher)
        buffer.removeAll(keepingCapacity: true)
        position = 0
        nextLine = line
    }

    /// Sets the line number of the next record (a row read again out of its file).
    mutating func setNextLine(_ line: Int) { nextLine = line }

    /// The next record, or nil at the end of the file.
    mutating func next() throws -> CSVRecord? {
        // Offsets below are absolute indices in `buffer`; a refill drops the bytes before
        // `recordStart` and shifts every saved index by the same amount.
        var recordStart = position
        var scan = position
        fieldCount = 0
        var inQuotes = false
        var fieldIsQuotable = true
        var newlines = 0
        var quoteLine = 0
        var oversized = false
        var oversizedHead: [UInt8] = []
        // What finishRecord needs to know to take its plain path: every byte the fast loop below
        // passed, OR-ed (beyond ASCII when >= 0x80), and whether a quote or a NUL byte was seen.
        var combined: UInt8 = 0
        var sawQuoteOrNUL = false

        func refill() throws -> Bool {
            if recordStart > 0 {
                let shift = recordStart
                buffer.removeSubrange(0..<shift)
                recordStart = 0
                scan -= shift
                for index in 0..<fieldCount { fieldEnds[index] -= shift }
            }
            return try stream.read(into: &buffer)
        }

        while true {
            if scan == buffer.count {
                if scan - recordStart > maxRecordBytes {
                    // Keep the head of the record for the quarantine and drop the rest.
                    if !oversized {
                        oversized = true
                        oversizedHead = Array(buffer[recordStart..<min(buffer.count, recordStart + 200)])
                    }
                    fieldCount = 0
                    buffer.removeAll(keepingCapacity: true)
                    recordStart = 0
                    scan = 0
                }
                if try refill() { continue }
                // End of file.
                if inQuotes { throw CSVReadError.unterminatedQuote(line: quoteLine) }
                if scan == recordStart && fieldCount == 0 && !oversized { return nil }
                appendFieldEnd(scan)
                return finishRecord(start: recordStart, end: scan, newlines: newlines,
                                    oversizedHead: oversized ? oversizedHead : nil,
                                    isPlain: !sawQuoteOrNUL && combined < 0x80, consumed: scan)
            }
            if !inQuotes {
                // Ordinary bytes, read without the state machine: up to the next delimiter, line
                // feed, quote or NUL (or the end of the buffer).
                let delimiter = delimiter
                let from = scan
                let quotableBefore = fieldIsQuotable
                let combinedBefore = combined
                (scan, fieldIsQuotable, combined) = buffer.withUnsafeBufferPointer { bytes in
                    Self.skipOrdinaryBytes(bytes, from: from, delimiter: delimiter, quotable: quotableBefore,
                                           combined: combinedBefore)
                }
                if scan == buffer.count { continue }
            }
            let byte = buffer[scan]
            if byte == Self.quote || byte == 0 { sawQuoteOrNUL = true }
            if inQuotes {
                if byte == Self.quote {
                    if scan + 1 == buffer.count {
                        // Need the next byte to tell a closing quote from a doubled one.
                        if try refill() { continue }
                        inQuotes = false
                        scan += 1
                        continue
                    }
                    if buffer[scan + 1] == Self.quote { scan += 2 } else { inQuotes = false; scan += 1 }
                    continue
                }
                if byte == Self.lineFeed { newlines += 1 }
                scan += 1
                continue
            }
            if byte == delimiter {
                appendFieldEnd(scan)
                scan += 1
                fieldIsQuotable = true
                continue
            }
            if byte == Self.lineFeed {
                var end = scan
                if end > recordStart && buffer[end - 1] == Self.carriageReturn { end -= 1 }
                appendFieldEnd(end)
                return finishRecord(start: recordStart, end: end, newlines: newlines + 1,
                                    oversizedHead: oversized ? oversizedHead : nil,
                                    isPlain: !sawQuoteOrNUL && combined < 0x80, consumed: scan + 1)
            }
            if byte == Self.quote && fieldIsQuotable {
                inQuotes = true
                quoteLine = nextLine + newlines
                scan += 1
                continue
            }
            if byte != Self.space && byte != Self.tab { fieldIsQuotable = false }
            scan += 1
        }
    }

    /// Moves past the ordinary bytes from `from`: up to the next delimiter, line feed, quote or
    /// NUL, or the end of `bytes`. Returns where it stopped, whether the field can still open a
    /// quote (blanks only so far) and `combined` OR-ed with every byte passed.
    ///
    /// Once the field has a byte other than a blank, eight bytes are tested at a time (a zero byte
    /// in `word ^ target` marks a match; the lowest one is exact).
    @inline(__always)
    private static func skipOrdinaryBytes(
        _ bytes: UnsafeBufferPointer<UInt8>, from: Int, delimiter: UInt8, quotable: Bool, combined: UInt8
    ) -> (Int, Bool, UInt8) {
        var index = from
        var quotable = quotable
        var combined = combined
        func isStop(_ byte: UInt8) -> Bool { byte == delimiter || byte == lineFeed || byte == quote || byte == 0 }
        while quotable && index < bytes.count {
            let byte = bytes[index]
            if isStop(byte) { return (index, quotable, combined) }
            if byte != space && byte != tab { quotable = false }
            combined |= byte
            index += 1
        }
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highBits: UInt64 = 0x8080_8080_8080_8080
            func zeroBytes(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highBits }
            let delimiters = UInt64(delimiter) &* ones, lineFeeds = UInt64(lineFeed) &* ones
            let quotes = UInt64(quote) &* ones
            var passed: UInt64 = 0
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self).littleEndian
                let stops = zeroBytes(word ^ delimiters) | zeroBytes(word ^ lineFeeds) | zeroBytes(word ^ quotes)
                    | zeroBytes(word)
                if stops == 0 {
                    passed |= word
                    index += 8
                    continue
                }
                let ordinary = stops.trailingZeroBitCount / 8
                passed |= word & ((1 << UInt64(8 * ordinary)) &- 1)
                index += ordinary
                if passed & highBits != 0 { combined |= 0x80 }
                return (index, quotable, combined)
            }
            if passed & highBits != 0 { combined |= 0x80 }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if isStop(byte) { break }
            if byte != space && byte != tab { quotable = false }
            combined |= byte
            index += 1
        }
        return (index, quotable, combined)
    }

    private mutating func appendFieldEnd(_ end: Int) {
        if fieldCount < fieldEnds.count { fieldEnds[fieldCount] = end } else { fieldEnds.append(end) }
        fieldCount += 1
    }

    /// Builds the record ending at `end` (exclusive, line end excluded), whose fields end at
    /// `fieldEnds`, and moves past it. `isPlain` says the record is ASCII without quotes or NUL
    /// bytes: each field is then its bytes as they are (ASCII reads the same in both encodings, and
    /// is in NFC already). Other fields are decoded, then put in NFC.
    private mutating func finishRecord(
        start: Int, end: Int, newlines: Int, oversizedHead: [UInt8]?, isPlain: Bool, consumed: Int
    ) -> CSVRecord {
        let line = nextLine
        nextLine += newlines
        position = consumed
        let head = oversizedHead ?? (end - start > maxRecordBytes ? Array(buffer[start..<min(end, start + 200)]) : nil)
        if let head {
            return CSVRecord(fields: [], line: line, rawBytes: head[...], encoding: encoding,
                             problem: "line is longer than \(maxRecordBytes) bytes", isTruncated: true)
        }
        if isPlain {
            // The previous plain record's fields array, written over: once the caller has let go of
            // that record (the usual read-parse-drop loop) its storage is unique again, so a record
            // costs no allocation. A record still held keeps its fields (copy on write).
            var fields: [String] = []
            swap(&fields, &plainFields)
            if fields.count != fieldCount {
                fields = Array(repeating: "", count: fieldCount)
            }
            buffer.withUnsafeBufferPointer { all in
                var fieldBegin = start
                for index in 0..<fieldCount {
                    let fieldEnd = fieldEnds[index]
                    fields[index] = String(decoding: UnsafeBufferPointer(rebasing: all[fieldBegin..<fieldEnd]), as: UTF8.self)
                    fieldBegin = fieldEnd + 1
                }
            }
            plainFields = fields
            return CSVRecord(fields: fields, line: line, rawBytes: buffer[start..<end], encoding: encoding, problem: nil)
        }
        var fields: [String] = []
        fields.reserveCapacity(fieldCount)
        if buffer[start..<end].contains(0) {
            // Shown with each NUL as a space, so the quarantine holds text.
            let bytes = buffer[start..<end].map { $0 == 0 ? Self.space : $0 }
            return CSVRecord(fields: [], line: line, rawBytes: bytes[...], encoding: encoding,
                             problem: "line contains a NUL byte, so it is binary data, not text")
        }
        var fieldBegin = start
        for index in 0..<fieldCount {
            let fieldEnd = fieldEnds[index]
            guard let field = decodeField(buffer[fieldBegin..<fieldEnd]) else {
                return CSVRecord(fields: [], line: line, rawBytes: buffer[start..<end], encoding: encoding,
                                 problem: "line is not valid \(encoding.rawValue) text", isUndecodable: true)
            }
            // Texts are compared as people read them: composed (NFC) whichever way the file wrote them.
            fields.append(field.isNFCByItsBytes ? field : composed(field))
            fieldBegin = fieldEnd + 1
        }
        return CSVRecord(fields: fields, line: line, rawBytes: buffer[start..<end], encoding: encoding, problem: nil)
    }

    /// `field` in NFC, remembered.
    private mutating func composed(_ field: String) -> String {
        if let known = composedFields[ExactText(field)] { return known }
        let composed = field.nfcNormalized
        if composedFields.count < Self.composedFieldsLimit { composedFields[ExactText(field)] = composed }
        return composed
    }

    /// Removes the quotes of a quoted field (and un-doubles inner quotes); plain fields pass as is.
    private func decodeField(_ bytes: ArraySlice<UInt8>) -> String? {
        guard let firstQuote = bytes.firstIndex(of: Self.quote),
              bytes[bytes.startIndex..<firstQuote].allSatisfy({ $0 == Self.space || $0 == Self.tab })
        else {
            return encoding.decode(bytes)
        }
        var unquoted: [UInt8] = []
        unquoted.reserveCapacity(bytes.count)
        var index = firstQuote + 1
        var inQuotes = true
        var quotedLength = 0
        while index < bytes.endIndex {
            let byte = bytes[index]
            if inQuotes && byte == Self.quote {
                if index + 1 < bytes.endIndex && bytes[index + 1] == Self.quote {
                    unquoted.append(Self.quote)
                    index += 2
                    continue
                }
                inQuotes = false
                quotedLength = unquoted.count
                index += 1
                continue
            }
            unquoted.append(byte)
            index += 1
        }
        // Spaces after the closing quote are padding, not content.
        if !inQuotes {
            while unquoted.count > quotedLength, let last = unquoted.last, last == Self.space || last == Self.tab {
                unquoted.removeLast()
            }
        }
        return encoding.decode(unquoted[...])
    }
}
