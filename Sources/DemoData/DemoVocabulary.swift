/// Word lists for the demo data: genres with their character, and the words that titles,
/// artists, listeners and playlists are made of. Written for TuneDash.
enum DemoVocabulary {
  /// A genre, how many listeners lean towards it, how well its recommendations land, and how
  /// it sounds.
  struct Genre {
    let name: String
    /// Relative share of listeners who name it a favourite.
    let popularity: Double
    /// Base probability that a recommendation in this genre is liked.
    let likeRate: Double
    /// The genre's typical audio features, which its artists and tracks vary around.
    let sound: Sound
  }

  /// The demo's genres, as stored (case and punctuation included, "R&B" on purpose).
  static let genres: [Genre] = [
    Genre(
      name: "pop", popularity: 20, likeRate: 0.62,
      sound: Sound(danceability: 0.68, energy: 0.66, valence: 0.56, tempo: 118, acousticness: 0.18)),
    Genre(
      name: "hip hop", popularity: 16, likeRate: 0.57,
      sound: Sound(danceability: 0.80, energy: 0.62, valence: 0.46, tempo: 96, acousticness: 0.14)),
    Genre(
      name: "rock", popularity: 14, likeRate: 0.66,
      sound: Sound(danceability: 0.48, energy: 0.78, valence: 0.50, tempo: 128, acousticness: 0.08)),
    Genre(
      name: "electronic", popularity: 10, likeRate: 0.58,
      sound: Sound(danceability: 0.72, energy: 0.86, valence: 0.40, tempo: 126, acousticness: 0.04)),
    Genre(
      name: "latin", popularity: 8, likeRate: 0.63,
      sound: Sound(danceability: 0.76, energy: 0.74, valence: 0.68, tempo: 104, acousticness: 0.22)),
    Genre(
      name: "R&B", popularity: 7, likeRate: 0.60,
      sound: Sound(danceability: 0.68, energy: 0.52, valence: 0.48, tempo: 100, acousticness: 0.26)),
    Genre(
      name: "indie", popularity: 6, likeRate: 0.69,
      sound: Sound(danceability: 0.52, energy: 0.58, valence: 0.42, tempo: 120, acousticness: 0.32)),
    Genre(
      name: "k-pop", popularity: 5, likeRate: 0.64,
      sound: Sound(danceability: 0.70, energy: 0.80, valence: 0.60, tempo: 124, acousticness: 0.12)),
    Genre(
      name: "country", popularity: 4, likeRate: 0.52,
      sound: Sound(danceability: 0.58, energy: 0.62, valence: 0.58, tempo: 116, acousticness: 0.30)),
    Genre(
      name: "metal", popularity: 3, likeRate: 0.49,
      sound: Sound(danceability: 0.36, energy: 0.93, valence: 0.30, tempo: 140, acousticness: 0.02)),
    Genre(
      name: "jazz", popularity: 2.5, likeRate: 0.74,
      sound: Sound(danceability: 0.54, energy: 0.36, valence: 0.52, tempo: 112, acousticness: 0.74)),
    Genre(
      name: "classical", popularity: 2, likeRate: 0.72,
      sound: Sound(danceability: 0.26, energy: 0.16, valence: 0.24, tempo: 96, acousticness: 0.92)),
    Genre(
      name: "folk", popularity: 1.6, likeRate: 0.67,
      sound: Sound(danceability: 0.50, energy: 0.32, valence: 0.44, tempo: 112, acousticness: 0.80)),
    Genre(
      name: "soul", popularity: 1.4, likeRate: 0.70,
      sound: Sound(danceability: 0.60, energy: 0.50, valence: 0.60, tempo: 106, acousticness: 0.38)),
    Genre(
      name: "reggae", popularity: 1.0, likeRate: 0.61,
      sound: Sound(danceability: 0.76, energy: 0.58, valence: 0.74, tempo: 88, acousticness: 0.26)),
    Genre(
      name: "blues", popularity: 0.8, likeRate: 0.65,
      sound: Sound(danceability: 0.52, energy: 0.50, valence: 0.52, tempo: 108, acousticness: 0.50)),
  ]

  /// Words that song titles are built from; earlier words are more common.
  static let titleWords: [String] = [
    "Midnight", "Golden", "Summer", "Heart", "Neon", "Rain", "Fire", "City", "Lights", "Ocean",
    "Dreams", "Stars", "River", "Wild", "Electric", "Blue", "Velvet", "Echoes", "Paradise",
    "Shadow",
    "Silver", "Moon", "Sunset", "Highway", "Diamond", "Gravity", "Thunder", "Honey", "Paper",
    "Ghost",
    "Crystal", "Desert", "Sugar", "Kingdom", "Waves", "Horizon", "Mirror", "Faded", "Runaway",
    "Ember",
    "Cherry", "Satellite", "Wonder", "Orbit", "Lullaby", "Savage", "Forever", "Starlight", "Storm",
    "Glass",
    "Canyon", "Harbor", "Lantern", "Marble", "Meadow", "Phoenix", "Prism", "Radio", "Scarlet",
    "Static",
    "Tidal", "Violet", "Winter", "Young", "Zenith", "Afterglow", "Borderline", "Cascade",
    "Daydream", "Echo",
    "Fever", "Gold", "Hollow", "Island", "Jungle", "Karma", "Lonely", "Magnetic", "Nova", "Outlaw",
    "Pulse", "Quiet", "Rebel", "Saturday", "Tonight", "Undercover", "Vertigo", "Whisper", "Youth",
    "Coastline",
    "Bloom", "Comet", "Dusk", "Frequency", "Gasoline", "Halo", "Infinity", "Jade", "Kaleidoscope",
    "Legend",
  ]

  /// Second words of titles.
  static let titleNouns: [String] = [
    "Hour", "Drive", "Love", "Nights", "Road", "Dance", "Song", "Days", "Blues", "Parade",
    "Motel", "Tears", "Skies", "Garden", "Signal", "Fever", "Season", "Letters", "Lane", "Hearts",
    "Machine", "Avenue", "Ride", "Memories", "Heat", "Flame", "Riot", "Tide", "Frontier", "Club",
  ]

  /// Parts of band names ("The Velvet Lanterns").
  static let bandWords: [String] = [
    "Lanterns", "Foxes", "Satellites", "Wolves", "Tigers", "Comets", "Strangers", "Giants",
    "Rivals",
    "Ravens", "Pilots", "Kings", "Daydreamers", "Outsiders", "Ghosts", "Sparrows", "Machines",
    "Owls",
  ]

  /// Given names, for artists and listeners.
  static let firstNames: [String] = [
    "Ava", "Liam", "Mia", "Noah", "Zoe", "Lucas", "Isla", "Mateo", "Luna", "Kai", "Sofia", "Leo",
    "Amara", "Hiro", "Yuna", "Diego", "Nadia", "Omar", "Priya", "Jonas", "Elena", "Theo", "Aiko",
    "Camila", "Ravi", "Freya", "Tariq", "Ines", "Jae", "Lena", "Malik", "Nora", "Santiago", "Mina",
  ]

  /// Family names, for artists and listeners.
  static let lastNames: [String] = [
    "Rivera", "Chen", "Okafor", "Silva", "Nakamura", "Kim", "Novak", "Haddad", "Larsen", "Costa",
    "Moreau", "Patel", "Schmidt", "Alvarez", "Tanaka", "Byrne", "Kowalski", "Mensah", "Rossi",
    "Park",
  ]

  /// Titles listeners give playlists: several languages, some emoji.
  static let playlistTitles: [String] = [
    "Road trip 🚗", "Chill vibes", "Workout mix 💪", "Sunday morning", "Late night drive",
    "Study focus",
    "Party starters 🎉", "Rainy day", "Summer hits ☀️", "Throwbacks", "Feel good", "Deep focus",
    "Gym 💪", "Coffee shop", "Heartbreak", "Sleep", "Dinner party", "Running", "Cooking",
    "Beach day 🌊",
    "Música para estudar", "Fiesta latina 💃", "Verano", "Para bailar", "Canções de amor",
    "Noite de sexta",
    "Relax en casa", "Domingo tranquilo", "夜のドライブ", "作業用BGM", "朝の音楽", "夏の歌",
    "운동 플레이리스트", "드라이브", "새벽 감성", "Chill lofi ✨", "Indie gems", "Old school hip hop",
    "Jazz nights 🎷", "Classical calm", "Roadtrip 2026", "Good vibes only ✨", "Wedding 💍",
    "Birthday 🎂",
  ]

  /// Recommendation models, oldest first, with how much they move the like rate.
  static let models: [(name: String, lift: Double)] = [
    ("rec-v1", -0.09), ("rec-v2", 0.0), ("rec-v3", 0.05),
  ]

  /// Activity kinds with their share of events. "share" is an app-specific kind, counted as other.
  static let kinds: [(name: String, share: Double)] = [
    ("play", 0.57), ("search", 0.20), ("login", 0.16), ("playlist", 0.06), ("share", 0.01),
  ]
}
