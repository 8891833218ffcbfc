import ArgumentParser
import Foundation
import SiteBuilder

/// `tunedash theme`: writes the built-in theme's templates and stylesheets into a folder, the
/// starting point for a theme of one's own (`tunedash build --templates DIR`).
struct ThemeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "theme",
    abstract:
      "Write the built-in theme into a folder, to edit and use with `tunedash build --templates DIR`.",
    discussion: ExitStatus.helpText)

  @Option(
    name: .long, help: "The folder to write the theme into (created if missing; it must be empty).")
  var out: String

  @Flag(
    name: .long,
    help:
      "Write into a folder that is not empty, replacing the theme's files there (other files are kept)."
  )
  var force = false

  func validate() throws {
    guard !out.isEmpty else {
      throw ValidationError("--out is empty: name the folder to write into")
    }
  }

  func run() throws {
    do {
      let files = Theme.builtInFiles
      try prepareFolder()
      for name in files.keys.sorted() {
        let url = URL(fileURLWithPath: out).appendingPathComponent(name)
        do {
          try Data(files[name]!.utf8).write(to: url, options: .atomic)
        } catch {
          throw CommandError(
            message: "cannot write \(url.path): \(FileProblem.describe(error))",
            hint: "check that the folder is writable and the disk is not full", status: .cannotWrite
          )
        }
      }
      StandardStream.standardOutput.write(
        "wrote the built-in theme (\(files.count) files) to \(out); edit it and build with "
          + "tunedash build --templates \(Self.shellWord(out))\n")
    } catch {
      throw Failure.report(error)
    }
  }

  /// Creates `out` if it is missing; refuses a file, and a folder with anything in it unless
  /// `--force`.
  private func prepareFolder() throws {
    let files = FileManager.default
    var isDirectory: ObjCBool = false
    guard files.fileExists(atPath: out, isDirectory: &isDirectory) else {
      do {
        try Self.makeFolders(out)
      } catch {
        throw CommandError(
          message: "cannot create the folder \(out): \(FileProblem.describe(error))",
          hint: "check that its parent is writable", status: .cannotWrite)
      }
      return
    }
    guard isDirectory.boolValue else {
      throw CommandError(
        message: "\(out) is a file, not a folder",
        hint: "choose a new or empty folder for the theme",
        status: .cannotWrite)
    }
    guard let contents = try? files.contentsOfDirectory(atPath: out) else {
      throw CommandError(
        message: "cannot read the folder \(out)", hint: "check its permissions",
        status: .cannotWrite)
    }
    if !contents.isEmpty && !force {
      throw CommandError(
        message: "\(out) is not empty",
        hint: "choose a new or empty folder, or pass --force to replace the theme's files in it",
        status: .cannotWrite)
    }
  }

  /// Creates `path` and its missing parents, like `mkdir -p` (mode 0777 less the umask), failing
  /// with the system's error for the first that cannot be made — Foundation reports some (a file
  /// where a parent should be) with no system error in it at all. A part that is there already
  /// is fine when it is a folder, whatever `mkdir` said; a file there is "Not a directory".
  private static func makeFolders(_ path: String) throws {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      prefix += component
      if mkdir(prefix, 0o777) != 0 {
        let failure = errno
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: prefix, isDirectory: &isFolder)
        if !isFolder.boolValue {
          throw POSIXError(
            exists ? .ENOTDIR : POSIXErrorCode(rawValue: failure) ?? .EIO)
        }
      }
      prefix += "/"
    }
  }

  /// `path` as one shell word: as it is when every character is safe, else in single quotes.
  static func shellWord(_ path: String) -> String {
    let safe = path.unicodeScalars.allSatisfy {
      $0.isASCII
        && ($0.properties.isAlphabetic || "0123456789/._-+:@%,=".unicodeScalars.contains($0))
    }
    return safe && !path.isEmpty
      ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
