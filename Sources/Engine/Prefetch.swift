import CSystemShims

/// Starts loading `array[index]` into the cache, so that an access a few rows later does not
/// wait for memory; nothing when `index` is out of bounds. Only a hint: it changes no value.
@inline(__always)
func prefetch<T>(_ array: [T], _ index: Int) {
  array.withUnsafeBufferPointer { buffer in
    if index >= 0 && index < buffer.count { tunedash_prefetch(buffer.baseAddress! + index) }
  }
}
