import Testing
@testable import VentesKit

/// The reason given for an unknown product or store: the nearest known id, computed once per id, within bounds.
@Suite struct UnknownIDReasonsTests {
    /// The refused sale's reason, as the importer builds it from the suggestion.
    struct Reasons {
        let suggestions: UnknownIDReasons
        let noun: String

        init(known: [String], noun: String) {
            suggestions = UnknownIDReasons(known: known)
            self.noun = noun
        }

        func reason(for id: String) -> String {
            let nearest = suggestions.suggestion(for: id)
            let reason: RejectionReason = noun == "store"
                ? .unknownStore(id: id, known: suggestions.knownCount, nearest: nearest)
                : .unknownProduct(id: id, known: suggestions.knownCount, nearest: nearest)
            return reason.description
        }
    }

    @Test func namesTheNearestKnownIDTheFirstInSortedOrderAmongEquals() {
        let reasons = Reasons(known: ["REF010", "REF002", "REF001", "ABC"], noun: "product")
        #expect(reasons.reason(for: "REF009") == "unknown product REF009 (4 products known, nearest: REF001)")
        #expect(reasons.reason(for: "REF012") == "unknown product REF012 (4 products known, nearest: REF002)")
        #expect(reasons.reason(for: "AB") == "unknown product AB (4 products known, nearest: ABC)")
        // Asked again, the same answer.
        #expect(reasons.reason(for: "REF009") == "unknown product REF009 (4 products known, nearest: REF001)")
        #expect(Reasons(known: ["1"], noun: "store").reason(for: "99") == "unknown store 99 (1 store known, nearest: 1)")
    }

    @Test func saysWhatToDoWhenNothingIsKnown() {
        #expect(Reasons(known: [], noun: "store").reason(for: "7")
                == "unknown store 7 (no stores known: import the stores file first)")
    }

    @Test func comparesNeitherVeryLongIDsNorMoreThanTheBoundOfDistinctIDs() {
        let long = String(repeating: "x", count: UnknownIDReasons.maximumLength + 1)
        let reasons = Reasons(known: ["A1", long], noun: "product")
        #expect(reasons.reason(for: long + "y") == "unknown product \(long)y (2 products known)")
        // A long known id is never suggested.
        #expect(reasons.reason(for: String(long.dropLast())) == "unknown product \(long.dropLast()) (2 products known, nearest: A1)")

        let bounded = Reasons(known: ["A1"], noun: "product")
        for index in 0..<UnknownIDReasons.maximumSuggestions {
            #expect(bounded.reason(for: "B\(index)").hasSuffix("nearest: A1)"))
        }
        #expect(bounded.reason(for: "C1") == "unknown product C1 (1 product known)")
        // Those asked before keep theirs.
        #expect(bounded.reason(for: "B0") == "unknown product B0 (1 product known, nearest: A1)")
    }

    @Test func distanceIsTheEditDistanceBelowTheLimit() {
        func distance(_ a: String, _ b: String, below limit: Int = .max) -> Int {
            let a = a.unicodeScalars.map(\.value), b = b.unicodeScalars.map(\.value)
            var row = Array(repeating: 0, count: b.count + 1)
            return a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    row.withUnsafeMutableBufferPointer { UnknownIDReasons.distance(a, b, below: limit, row: $0) }
                }
            }
        }
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("", "abc") == 3)
        #expect(distance("Orléans", "Orleans") == 1)
        #expect(distance("REF001", "REF001") == 0)
        #expect(distance("abcdef", "uvwxyz", below: 2) >= 2)
    }
}
