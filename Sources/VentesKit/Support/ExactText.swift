/// A string compared by its UTF-8 bytes, as SQLite compares text, not by Unicode canonical
/// equivalence as Swift's `String` is: `"K"` and the Kelvin sign `"\u{212A}"` are equal Strings,
/// but two different ids in the database. Lookups that decide what the database will hold use it.
struct ExactText: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ExactText, b: ExactText) -> Bool {
        a.text.utf8.elementsEqual(b.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
