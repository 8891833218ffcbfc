import Foundation
import SiteBuilder
import Synchronization
import TestSupport
import Testing

@Suite("The output folder's lock")
struct FolderLockTests {
  @Test func oneHolderAtATimeAndNothingLeftAfterwards() throws {
    let folder = try TemporaryFolder.make()
    let out = folder.appendingPathComponent("sites/2026/public")
    let lockFile = folder.appendingPathComponent("sites/2026/.public.lock").path
    var first: FolderLock? = try FolderLock(folder: out)
    #expect(FileManager.default.fileExists(atPath: lockFile))
    #expect(throws: SiteError.self) { try FolderLock(folder: out) }
    first = nil
    // Released: the file and the two folders made for it are gone, the folder above stays.
    #expect(!FileManager.default.fileExists(atPath: lockFile))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("sites").path))
    #expect(FileManager.default.fileExists(atPath: folder.path))
    // A folder that holds something (the built site) stays.
    var second: FolderLock? = try FolderLock(folder: out)
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    second = nil
    #expect(FileManager.default.fileExists(atPath: out.path))
    #expect(!FileManager.default.fileExists(atPath: lockFile))
    withExtendedLifetime((first, second)) {}
  }

  @Test func aWaitingRunTakesOverWhenTheHolderRemovesTheFile() throws {
    let folder = try TemporaryFolder.make()
    let out = folder.appendingPathComponent("public")
    let holder = Holder(try FolderLock(folder: out))
    let released = Thread {
      Thread.sleep(forTimeInterval: 0.3)
      holder.lock.withLock { $0 = nil }
    }
    released.start()
    // Waits on the file the holder then removes; then locks a new one, and holds it alone.
    let waiter = try FolderLock(folder: out, wait: 10)
    #expect(FileManager.default.fileExists(atPath: waiter.path))
    #expect(throws: SiteError.self) { try FolderLock(folder: out) }
  }

  /// A lock another thread lets go of.
  final class Holder: Sendable {
    let lock: Mutex<FolderLock?>
    init(_ lock: FolderLock) { self.lock = Mutex(lock) }
  }
}
