import Foundation

/// How a file is read: the strategy of an import, decided once per file by `decide`.
enum ImportPlan {
    /// Survey what must be decided from the whole file (date format, decimal separator, encoding)
    /// in a first pass when there is anything to decide, then read the file from its start.
    case surveyFirst
    /// One pass: read the whole sales file assuming the usual outcome of its survey, made while
    /// reading it; the import starts over `surveyFirst` when the assumption does not hold.
    case singlePass(PendingDialectCheck)
    /// Read only what follows the bytes of the file's last import (surveying that tail first).
    case resume(ResumePoint)

    /// Whether an import may read a sales file in one pass, checking its dialect as it goes.
    enum SinglePass {
        case allowed
        /// The first attempt's check failed: survey first this time.
        case refused
    }

    /// The plan for `source`: resume where its last import stopped when the file starts with its
    /// bytes; else one pass when the sales file has a dialect to check and the import allows it;
    /// else survey first.
    ///
    /// Not one pass with `strict`: a row refused under the assumed date format would abort the
    /// import before the survey could tell that the assumption was wrong.
    static func decide(
        kind: FileKind, resume: ResumePoint?, singlePass: SinglePass, options: ImportOptions, checksEncoding: Bool,
        pendingCheck: () throws(ImportError) -> PendingDialectCheck
    ) throws(ImportError) -> ImportPlan {
        if let resume { return .resume(resume) }
        guard kind == .sales, singlePass == .allowed, !options.strict, options.dateFormat == nil || checksEncoding else {
            return .surveyFirst
        }
        return .singlePass(try pendingCheck())
    }

    /// The point the file is read from after its last import's bytes, if any.
    var resumePoint: ResumePoint? {
        if case .resume(let point) = self { return point }
        return nil
    }

    /// The dialect check made while reading, if any.
    var pendingCheck: PendingDialectCheck? {
        if case .singlePass(let check) = self { return check }
        return nil
    }
}

/// A sales file's date format and what decided it.
struct DecidedDateFormat: Equatable, Sendable {
    var format: DateColumnFormat
    var origin: DialectOrigin
}
