import ArgumentParser
import Foundation
import Publishing
import SiteBuilder

/// `tunedash publish`: uploads the built site to an S3-compatible bucket.
struct PublishCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "publish",
    abstract: "Upload the built site to S3, Google Cloud Storage, Cloudflare R2 or MinIO.",
    discussion: """
      Uploads only new or changed files (by content hash), assets before the pages that use them \
      and index.html last, then deletes remote files that no longer exist locally. \
      Only a folder that `tunedash build` wrote (it holds the .tunedash-site marker) is \
      published; hidden files, databases, state files, keys and locks in it never are. \
      Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN; the \
      region from --region or AWS_REGION; the endpoint from --endpoint or AWS_ENDPOINT_URL.

      \(ExitStatus.helpText)
      """)

  @Option(name: .long, help: "The built site to upload.")
  var from = "public"

  @Option(name: .long, help: "The destination, s3://BUCKET or s3://BUCKET/PREFIX.")
  var to: String

  @OptionGroup var storage: StorageOptions

  @Flag(name: .long, help: "List what would be uploaded and deleted without changing anything.")
  var dryRun = false

  @Option(name: .long, help: "Seconds to wait for a build that is writing the folder.")
  var wait: Double = 0

  @Flag(name: .long, help: "Print nothing on success.")
  var quiet = false

  @Flag(name: .long, help: "Print every upload and deletion.")
  var verbose = false

  func validate() throws {
    try SiteOptions.checkWait([wait], "--wait takes")
  }

  func run() async throws {
    do {
      // The folder first: a missing or wrong folder is the problem to report, whatever the
      // credentials (and no lock file is made beside a folder that is not there).
      let folder = try LocalFolderScanner.checkSite(
        OutputDirectory(path: from).url, siteMarker: OutputDirectory.marker)
      let configuration = try storage.configuration()
      let location = try S3Location(to)
      let lock = try FolderLock(folder: folder, wait: wait)
      let chatty = verbose || dryRun
      let summary = try await Publisher(configuration: configuration).publish(
        from: folder, siteMarker: OutputDirectory.marker, to: location, dryRun: dryRun,
        progress: { line in if chatty { StandardStream.standardOutput.write(line + "\n") } })
      withExtendedLifetime(lock) {}
      for file in summary.withheld where !chatty {
        StandardStream.standardError.write(
          "tunedash: warning: left out \(file.relativePath): \(file.kind.description) is never "
            + "published; move it out of the site folder\n")
      }
      if !quiet && !chatty { StandardStream.standardOutput.write(summary.description + "\n") }
    } catch {
      throw Failure.report(error)
    }
  }
}
