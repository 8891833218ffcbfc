import CSystemShims
import EventStore

/// Which build of TuneDash is running, for what a state keeps that the code alone decides
/// (``KeptSound``): a digest of the program's GNU build id, which the linker computes from the
/// code it links, so that a program with any other code has another identity and the same code
/// built again the same one. It covers the executable only: a Swift runtime or Foundation
/// linked dynamically and upgraded on its own keeps the identity (the release build of
/// `scripts/install` links them statically).
enum ProgramIdentity {
  /// The running program's identity; `nil` where it carries no build id (then nothing that
  /// depends on it is kept).
  static let current: UInt64? = {
    var bytes = [UInt8](repeating: 0, count: 64)
    let length = Int(tunedash_program_build_id(&bytes, Int32(bytes.count)))
    guard length > 0 else { return nil }
    var digest = StableDigest()
    digest.add(bytes.prefix(length))
    return digest.value
  }()
}
