import CSystemShims
import Engine

/// How the build asks malloc to behave, once per process.
///
/// The engine allocates and frees arrays of megabytes (pair-log runs and buffers, K-means'
/// working arrays). glibc serves large blocks with their own mappings, but raises that threshold
/// to the size of each such block freed; later blocks of a few megabytes then come from the heap,
/// and what they leave when freed stays resident. At W10M that was 50 MB of the peak (307 MB
/// against 254 MB with the threshold fixed at 1 MB, the same build time within noise).
enum MallocTuning {
  /// Blocks of at least this many bytes get their own mapping.
  static let mmapThreshold: Int32 = 1 << 20

  /// Applies the settings the first time it is read.
  static let applied: Void = tunedash_set_mmap_threshold(mmapThreshold)
}
