import Foundation

/// Reading and writing bytes in the encodings of `TextEncoding`.
extension TextEncoding {
    /// Decodes `bytes`, or returns nil when they are not valid in this encoding.
    func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        switch self {
        case .utf8:
            return bytes.withUnsafeBufferPointer { buffer in
                // ASCII (nearly every field) needs no validation: the fast, non-generic path.
                Self.isASCII(buffer) ? String(decoding: buffer, as: UTF8.self) : String(validating: buffer, as: UTF8.self)
            }
        case .windows1252:
            if let ascii = bytes.withUnsafeBufferPointer({ Self.isASCII($0) ? String(decoding: $0, as: UTF8.self) : nil }) {
                return ascii
            }
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                guard let scalar = Self.windows1252Scalar(byte) else { return nil }
                scalars.append(scalar)
            }
            return String(scalars)
        }
    }

    private static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var combined: UInt8 = 0
        for byte in buffer { combined |= byte }
        return combined < 0x80
    }

    /// Encodes `text`; a character this encoding cannot hold becomes `?`.
    func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8:
            return Array(text.utf8)
        case .windows1252:
            return text.unicodeScalars.map { scalar in
                if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) { return UInt8(scalar.value) }
                return Self.windows1252Byte[scalar.value] ?? UInt8(ascii: "?")
            }
        }
    }

    private static let windows1252Byte: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for byte in UInt8(0x80)...UInt8(0x9F) {
            if let scalar = windows1252Scalar(byte) { map[scalar.value] = byte }
        }
        return map
    }()

    /// Guesses the encoding of the start of a file: UTF-8 when it validates, else Windows-1252.
    ///
    /// A multi-byte sequence cut by the end of the sample is not held against UTF-8.
    static func detect(sample: ArraySlice<UInt8>, isWholeFile: Bool) -> TextEncoding {
        var end = sample.endIndex
        if !isWholeFile {
            // Step back over at most 3 bytes of a sequence the chunk boundary may have cut.
            var back = 0
            while back < 3, end > sample.startIndex, sample[end - 1] & 0xC0 == 0x80 {
                end -= 1
                back += 1
            }
            if end > sample.startIndex, sample[end - 1] >= 0xC0 { end -= 1 }
        }
        return String(validating: sample[sample.startIndex..<end], as: UTF8.self) != nil ? .utf8 : .windows1252
    }

    /// Windows-1252 is Latin-1 except 0x80–0x9F; five of those bytes are undefined.
    private static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar? {
        if byte < 0x80 || byte >= 0xA0 { return Unicode.Scalar(byte) }
        let table: [UInt32] = [
            0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
            0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
        ]
        let value = table[Int(byte - 0x80)]
        return value == 0 ? nil : Unicode.Scalar(value)
    }
}
