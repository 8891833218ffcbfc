/// The built-in stopword lists, one per ``StopwordLanguage``, as written; ``StopwordLanguage/words``
/// normalises them. Written for TuneDash: function words only (see ``StopwordLanguage`` for what
/// is left off on purpose). Words of one letter are not listed: the tokenizer drops them anyway.
extension Stopwords {
  static let englishList = [
    "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "don't", "down", "during", "each", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
    "him", "himself", "his", "how", "i'm", "if", "in", "into", "is", "it", "it's", "its", "itself",
    "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on",
    "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
    "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "you're",
    "can't", "won't", "let's", "oh", "yeah", "feat", "ft", "vs",
  ]

  /// Spanish. Not "son", "era", "solo", "nada" (meaningful elsewhere, "son" a genre).
  static let spanishList = [
    "de", "del", "la", "las", "el", "los", "lo", "un", "una", "uno", "unos", "unas", "al", "en",
    "con", "sin", "por", "para", "pa", "sobre", "entre", "hasta", "desde", "durante", "contra",
    "ante", "hacia", "que", "qué", "quien", "quién", "quienes", "cual", "cuál", "cuando", "cuándo",
    "donde", "dónde", "como", "cómo", "porque", "pero", "mas", "más", "ni", "si", "sí", "no", "ya",
    "muy", "tan", "tanto", "también", "aquí", "así", "este", "esta", "esto", "estos", "estas",
    "ese",
    "esa", "eso", "esos", "esas", "yo", "tú", "tu", "tus", "él", "ella", "ellos", "ellas",
    "nosotros", "nosotras", "vosotros", "usted", "ustedes", "me", "te", "ti", "se", "nos", "os",
    "le", "les", "mi", "mis", "mí", "su", "sus", "nuestro", "nuestra", "todo", "toda", "todos",
    "todas", "otro", "otra", "otros", "otras", "es", "soy", "eres", "somos", "fue", "está", "están",
    "estoy", "estás", "ha", "has", "han", "he", "hemos", "hay",
  ]

  /// Portuguese. Not "pro" (English), "era".
  static let portugueseList = [
    "de", "da", "do", "das", "dos", "em", "no", "na", "nos", "nas", "um", "uma", "uns", "umas",
    "ao", "aos", "às", "para", "pra", "com", "sem", "por", "pelo", "pela", "pelos", "pelas",
    "entre", "até", "sobre", "que", "quem", "qual", "quando", "onde", "como", "porque", "mas",
    "mais", "ou", "nem", "não", "sim", "já", "só", "muito", "também", "mesmo", "num", "numa",
    "este", "esta", "estes", "estas", "esse", "essa", "esses", "essas", "isso", "isto", "aquele",
    "aquela", "aqueles", "aquelas", "aquilo", "eu", "tu", "você", "vocês", "ele", "ela", "eles",
    "elas", "nós", "me", "te", "se", "lhe", "lhes", "vos", "meu", "minha", "meus", "minhas",
    "teu", "tua", "teus", "tuas", "seu", "sua", "seus", "suas", "nosso", "nossa", "nossos",
    "nossas", "dele", "dela", "deles", "delas", "são", "sou", "foi", "ser", "está", "estou",
    "tem", "ter", "há",
  ]

  /// French. Not "car", "ai", "été" (English and Japanese words, or "summer"), "son", "encore".
  static let frenchList = [
    "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "et", "ou", "où", "mais",
    "donc", "ni", "que", "qui", "quoi", "dont", "ce", "cet", "cette", "ces", "ça", "cela", "mon",
    "ma", "mes", "ton", "ta", "tes", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs",
    "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "te", "se", "lui", "moi",
    "toi", "soi", "en", "dans", "par", "pour", "sur", "sous", "avec", "sans", "chez", "entre",
    "vers", "pendant", "depuis", "avant", "après", "ne", "pas", "plus", "très", "trop", "tout",
    "tous", "toute", "toutes", "si", "comme", "quand", "aussi", "déjà", "est", "sont", "suis",
    "es", "était", "être", "avons", "avez", "ont", "avait", "avoir", "c'est", "c'était", "j'ai",
    "n'est", "qu'il", "qu'elle", "qu'on", "s'il", "d'un", "d'une", "jusqu'à",
  ]

  /// German. Not "war", "hat", "man", "mal" (English or Spanish words).
  static let germanList = [
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "und", "oder", "aber", "doch", "denn", "sondern", "im", "ins", "am", "ans", "auf", "aus", "bei",
    "beim", "mit", "nach", "von", "vom", "zu", "zum", "zur", "für", "über", "unter", "vor",
    "hinter", "neben", "zwischen", "durch", "gegen", "ohne", "um", "bis", "seit", "ich", "du",
    "er", "sie", "es", "wir", "ihr", "mich", "dich", "sich", "uns", "euch", "mir", "dir", "ihm",
    "ihn", "ihnen", "mein", "meine", "meinen", "meinem", "meiner", "dein", "deine", "deinen",
    "sein", "seine", "seinen", "ihre", "ihren", "unser", "unsere", "euer", "eure", "ist", "sind",
    "bin", "bist", "seid", "waren", "wird", "werden", "haben", "habe", "hab", "hast", "nicht",
    "kein", "keine", "auch", "noch", "schon", "nur", "wie", "wenn", "als", "dass", "daß", "ob",
    "weil", "wer", "wo", "da", "hier", "dies", "diese", "dieser", "dieses", "jetzt", "sehr",
    "alle", "alles", "etwas",
  ]

  /// Italian. Not "ai", "era", "come", "dove", "solo" (English words, or "love" in Japanese).
  static let italianList = [
    "il", "lo", "la", "gli", "le", "un", "uno", "una", "di", "da", "in", "con", "su", "per", "tra",
    "fra", "del", "dello", "della", "dei", "degli", "delle", "al", "allo", "alla", "agli", "alle",
    "dal", "dallo", "dalla", "dai", "dagli", "dalle", "nel", "nello", "nella", "nei", "negli",
    "nelle", "sul", "sullo", "sulla", "sui", "sugli", "sulle", "col", "ed", "ma", "che", "chi",
    "cui", "non", "se", "anche", "perché", "quando", "io", "tu", "lui", "lei", "noi", "voi",
    "loro", "mi", "ti", "ci", "vi", "si", "ne", "mio", "mia", "miei", "mie", "tuo", "tua", "tuoi",
    "tue", "suo", "sua", "suoi", "sue", "nostro", "nostra", "nostri", "nostre", "vostro",
    "vostra", "questo", "questa", "questi", "queste", "quello", "quella", "quelli", "quelle",
    "tutto", "tutta", "tutti", "tutte", "più", "molto", "così", "già", "sono", "sei", "siamo",
    "siete", "ho", "hai", "ha", "abbiamo", "avete", "hanno", "c'è",
  ]
}
