/// Word lists for the demo data: genres with their character, and the words that titles,
/// artists, listeners and playlists are made of. Written for TuneDash.
enum DemoVocabulary {
  /// A genre, how many listeners lean towards it, and how well its recommendations land.
  struct Genre {
    let name: String
    /// Relative share of listeners who name it a favourite.
    let popularity: Double
    /// Base probability that a recommendation in this genre is liked.
    let likeRate: Double
  }

  /// The demo's genres, as stored (case and punctuation included, "R&B" on purpose).
  static let genres: [Genre] = [
    Genre(name: "pop", popularity: 20, likeRate: 0.62),
    Genre(name: "hip hop", popularity: 16, likeRate: 0.57),
    Genre(name: "rock", popularity: 14, likeRate: 0.66),
    Genre(name: "electronic", popularity: 10, likeRate: 0.58),
    Genre(name: "latin", popularity: 8, likeRate: 0.63),
    Genre(name: "R&B", popularity: 7, likeRate: 0.60),
    Genre(name: "indie", popularity: 6, likeRate: 0.69),
    Genre(name: "k-pop", popularity: 5, likeRate: 0.64),
    Genre(name: "country", popularity: 4, likeRate: 0.52),
    Genre(name: "metal", popularity: 3, likeRate: 0.49),
    Genre(name: "jazz", popularity: 2.5, likeRate: 0.74),
    Genre(name: "classical", popularity: 2, likeRate: 0.72),
    Genre(name: "folk", popularity: 1.6, likeRate: 0.67),
    Genre(name: "soul", popularity: 1.4, likeRate: 0.70),
    Genre(name: "reggae", popularity: 1.0, likeRate: 0.61),
    Genre(name: "blues", popularity: 0.8, likeRate: 0.65),
  ]

  /// Words that song titles are built from; earlier words are more common.
  static let titleWords: [String] = [
    "Midnight", "Golden", "Summer", "Heart", "Neon", "Rain", "Fire", "City", "Lights", "Ocean",
    "Dreams", "Stars", "River", "Wild", "Electric", "Blue", "Velvet", "Echoes", "Paradise", "Shadow",
    "Silver", "Moon", "Sunset", "Highway", "Diamond", "Gravity", "Thunder", "Honey", "Paper", "Ghost",
    "Crystal", "Desert", "Sugar", "Kingdom", "Waves", "Horizon", "Mirror", "Faded", "Runaway", "Ember",
    "Cherry", "Satellite", "Wonder", "Orbit", "Lullaby", "Savage", "Forever", "Starlight", "Storm", "Glass",
    "Canyon", "Harbor", "Lantern", "Marble", "Meadow", "Phoenix", "Prism", "Radio", "Scarlet", "Static",
    "Tidal", "Violet", "Winter", "Young", "Zenith", "Afterglow", "Borderline", "Cascade", "Daydream", "Echo",
    "Fever", "Gold", "Hollow", "Island", "Jungle", "Karma", "Lonely", "Magnetic", "Nova", "Outlaw",
    "Pulse", "Quiet", "Rebel", "Saturday", "Tonight", "Undercover", "Vertigo", "Whisper", "Youth", "Coastline",
    "Bloom", "Comet", "Dusk", "Frequency", "Gasoline", "Halo", "Infinity", "Jade", "Kaleidoscope", "Legend",
  ]

  /// Second words of titles.
  static let titleNouns: [String] = [
    "Hour", "Drive", "Love", "Nights", "Road", "Dance", "Song", "Days", "Blues", "Parade",
    "Motel", "Tears", "Skies", "Garden", "Signal", "Fever", "Season", "Letters", "Lane", "Hearts",
    "Machine", "Avenue", "Ride", "Memories", "Heat", "Flame", "Riot", "Tide", "Frontier", "Club",
  ]

  /// Parts of band names ("The Velvet Lanterns").
  static let bandWords: [String] = [
    "Lanterns", "Foxes", "Satellites", "Wolves", "Tigers", "Comets", "Strangers", "Giants", "Rivals",
    "Ravens", "Pilots", "Kings", "Daydreamers", "Outsiders", "Ghosts", "Sparrows", "Machines", "Owls",
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
    "Moreau", "Patel", "Schmidt", "Alvarez", "Tanaka", "Byrne", "Kowalski", "Mensah", "Rossi", "Park",
  ]

  /// Titles listeners give playlists: several languages, some emoji.
  static let playlistTitles: [String] = [
    "Road trip 🚗", "Chill vibes", "Workout mix 💪", "Sunday morning", "Late night drive", "Study focus",
    "Party starters 🎉", "Rainy day", "Summer hits ☀️", "Throwbacks", "Feel good", "Deep focus",
    "Gym 💪", "Coffee shop", "Heartbreak", "Sleep", "Dinner party", "Running", "Cooking", "Beach day 🌊",
    "Música para estudar", "Fiesta latina 💃", "Verano", "Para bailar", "Canções de amor", "Noite de sexta",
    "Relax en casa", "Domingo tranquilo", "夜のドライブ", "作業用BGM", "朝の音楽", "夏の歌",
    "운동 플레이리스트", "드라이브", "새벽 감성", "Chill lofi ✨", "Indie gems", "Old school hip hop",
    "Jazz nights 🎷", "Classical calm", "Roadtrip 2026", "Good vibes only ✨", "Wedding 💍", "Birthday 🎂",
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
