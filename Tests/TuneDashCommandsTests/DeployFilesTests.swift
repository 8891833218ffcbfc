import Foundation
import Testing

/// The files in `deploy/` agree with each other and with the README: the same user, paths,
/// secrets files and time zone everywhere, so that copying them as the README says works.
@Suite("deploy/ agrees with the README")
struct DeployFilesTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardizedFileURL

  static func text(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  /// Every value that follows `option` (up to the next space or quote) in `text`.
  static func values(of option: String, in text: String) -> [String] {
    text.components(separatedBy: option).dropFirst().map {
      String($0.prefix { !" \"'\n\\".contains($0) })
    }
  }

  /// The lines of a systemd unit that set `key`, without the key.
  static func settings(_ key: String, in unit: String) -> [String] {
    unit.split(separator: "\n").filter { $0.hasPrefix(key + "=") }.map {
      String($0.dropFirst(key.count + 1))
    }
  }

  @Test func everyScheduleUsesOneTimeZone() throws {
    let texts = try ["deploy/tunedash.service", "deploy/tunedash-digest.service", "deploy/crontab"]
      .map(Self.text)
    let zones = texts.flatMap {
      Self.values(of: "--timezone ", in: $0) + Self.values(of: "TZ=", in: $0)
    }
    #expect(zones.count == 6)
    #expect(Set(zones) == ["Europe/Paris"])
    let readmeCron = try #require(
      try Self.text("README.md").split(separator: "\n").first { $0.hasPrefix("*/15 * * * *") })
    #expect(Self.values(of: "--timezone ", in: String(readmeCron)) == ["Europe/Paris"])
  }

  @Test func bothUnitsRunAsTheREADMEsUserWithItsSecretsFile() throws {
    let readme = try Self.text("README.md")
    #expect(readme.contains("sudo useradd --system --home-dir /srv/tunedash"))
    #expect(readme.contains("> /etc/tunedash/secrets.env'"))
    for name in ["deploy/tunedash.service", "deploy/tunedash-digest.service"] {
      let unit = try Self.text(name)
      #expect(Self.settings("User", in: unit) == ["tunedash"], "\(name)")
      #expect(Self.settings("Group", in: unit) == ["tunedash"], "\(name)")
      #expect(
        Self.settings("EnvironmentFile", in: unit) == ["/etc/tunedash/secrets.env"], "\(name)")
      #expect(Self.settings("WorkingDirectory", in: unit) == ["/srv/tunedash"], "\(name)")
      #expect(Self.settings("ReadWritePaths", in: unit) == ["/srv/tunedash"], "\(name)")
      // Everything the unit writes is under its one writable folder; the binary is where the
      // README installs it.
      for path in Self.values(of: "--out ", in: unit) + Self.values(of: "--outbox ", in: unit) {
        #expect(path.hasPrefix("/srv/tunedash/"), "\(name): \(path)")
      }
      #expect(unit.contains("/usr/local/bin/tunedash "), "\(name)")
      #expect(readme.contains("/usr/local/bin/tunedash"))
    }
  }

  @Test func cronUsesTheUsersOwnSecretsFileAndTheREADMEsLine() throws {
    let crontab = try Self.text("deploy/crontab")
    let readme = try Self.text("README.md")
    #expect(readme.contains("there the secrets file belongs to the tunedash user"))
    let jobs = crontab.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
    #expect(jobs.count == 2)
    for job in jobs {
      #expect(job.contains(". /srv/tunedash/secrets.env && set +a && cd /srv/tunedash && "))
    }
    let readmeCron = try #require(
      readme.split(separator: "\n").first { $0.hasPrefix("*/15 * * * *") })
    #expect(jobs[0] == readmeCron)
    // The mail program's settings are where the README says.
    let msmtp = "--sendmail \"/usr/bin/msmtp -C /srv/tunedash/msmtprc\""
    #expect(readme.contains("`\(msmtp)`"))
    #expect(jobs[1].contains(msmtp))
    #expect(try Self.text("deploy/tunedash-digest.service").contains(msmtp))
  }

  @Test func theDigestGoesOnFromTheStateTheBuildKeeps() throws {
    // The build writes /srv/tunedash/public, so its state is /srv/tunedash/.public.state.
    for name in ["deploy/crontab", "deploy/tunedash.service", "deploy/tunedash-digest.service"] {
      let text = try Self.text(name)
      if name != "deploy/tunedash-digest.service" {
        #expect(Self.values(of: "--out ", in: text) == ["/srv/tunedash/public"], "\(name)")
      }
      if name != "deploy/tunedash.service" {
        #expect(Self.values(of: "--state ", in: text) == ["/srv/tunedash/.public.state"], "\(name)")
      }
    }
  }

  /// A digest run started again later in the week (by hand, or a retry) must name the same
  /// week, or it would mail everyone again: every schedule names the week ending on the last
  /// Sunday, never "yesterday".
  @Test func everyDigestScheduleNamesTheWeekEndingOnTheLastSunday() throws {
    for name in [
      "deploy/crontab", "deploy/tunedash-digest.service", "deploy/airflow/tunedash_dag.py",
    ] {
      let commands = try Self.text(name).split(separator: "\n").filter {
        $0.contains("--week-ending")
      }
      #expect(commands.count == 1, "\(name)")
      for line in commands {
        #expect(line.contains("last sunday") && !line.contains("yesterday"), "\(name): \(line)")
      }
    }
  }
}
