import AgoraCore
import AgoraCrypto
import AgoraNode
import AgoraStore
import Foundation

/// Turns any error a command lets escape into a ``CLIError`` with the right exit code and a
/// message a person can act on (never "The operation could not be completed").
enum ErrorTranslation {
    static func cliError(for error: any Error) -> CLIError {
        if let error = error as? CLIError { return error }
        if let error = error as? CocoaError { return fileError(error) }
        if let error = error as? CryptoError {
            let environmental = [CryptoError.Code.insecureFileMode, .fileError].contains(error.code)
            return CLIError(environmental ? .environment : .failure, error.message, cause: error)
        }
        if let error = error as? NodeError {
            return CLIError(error.code.isEnvironmental ? .environment : .failure, error.message, cause: error)
        }
        if let error = error as? JSONError { return .failure(error.description, cause: error) }
        if let error = error as? StoreError {
            return CLIError(environmentalStoreCodes.contains(error.code) ? .environment : .failure, error.message, cause: error)
        }
        if let error = error as? ChangeRejection { return .failure(error.description, cause: error) }
        if let error = error as? RecordValidationError { return .failure(error.message, cause: error) }
        if let error = error as? POSIXError {
            return .environment(String(cString: strerror(error.code.rawValue)), cause: error)
        }
        return .failure(String(describing: error), cause: error)
    }

    /// Store failures that come from the environment rather than the input (exit 3).
    static let environmentalStoreCodes: Set<StoreError.Code> = [
        .notSQLite, .notAgoraDatabase, .schemaTooNew, .schemaTooOld, .locked, .notWritable, .diskFull, .notRegularFile, .tooLarge,
    ]

    private static func fileError(_ error: CocoaError) -> CLIError {
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path ?? "a file"
        switch error.code {
        case .fileReadNoSuchFile, .fileNoSuchFile:
            return .environment("\(path): no such file", cause: error)
        case .fileReadNoPermission, .fileWriteNoPermission:
            return .environment("\(path): permission denied", cause: error)
        case .fileWriteFileExists:
            return .environment("\(path): already exists", cause: error)
        case .fileWriteOutOfSpace:
            return .environment("\(path): no space left on device", cause: error)
        case .fileWriteVolumeReadOnly:
            return .environment("\(path): read-only file system", cause: error)
        default:
            return .environment("\(path): \(error.localizedDescription)", cause: error)
        }
    }
}
