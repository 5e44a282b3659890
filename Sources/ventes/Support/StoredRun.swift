import VentesKit

/// The stored run `id` (the latest when nil), or an error that says what to do.
func storedRun(_ id: Int64?, in store: any SalesStore) throws -> AnalysisRun {
    if let run = try store.analysisRun(id: id) { return run }
    if let id {
        throw CommandError("\(store.location): there is no analysis run #\(id); see ventes history")
    }
    throw CommandError("\(store.location): no analysis has been run yet; run ventes analyze (or ventes run) first")
}
