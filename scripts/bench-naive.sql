-- The "naive" way to compute TuneDash's report: one plain SQL query per metric and range, as a
-- user would write them in the sqlite3 shell. scripts/bench times this file against
-- `tunedash build`. It computes the same numbers except the word cloud, which needs a tokenizer
-- SQL does not have (grouping whole lower-cased queries stands in for it), and the pseudonyms.
--
-- The ranges end at the latest event (as `tunedash build` does without --as-of): the last 7 and
-- 30 days, the 7 and 30 days before those (for the cards' changes), and all time.

CREATE TEMP TABLE ranges AS
WITH edge AS (SELECT max(t) AS as_of FROM (
  SELECT max(occurred_at) AS t FROM activity UNION ALL SELECT max(occurred_at) FROM feedback))
SELECT '7d' AS name, as_of - 7 * 86400 AS after, as_of AS through FROM edge
UNION ALL SELECT 'prev7d', as_of - 14 * 86400, as_of - 7 * 86400 FROM edge
UNION ALL SELECT '30d', as_of - 30 * 86400, as_of FROM edge
UNION ALL SELECT 'prev30d', as_of - 60 * 86400, as_of - 30 * 86400 FROM edge
UNION ALL SELECT 'all', 0, as_of FROM edge;

-- Activity events by kind, per range.
SELECT r.name, a.kind, count(*) FROM ranges r
JOIN activity a ON a.occurred_at > r.after AND a.occurred_at <= r.through
GROUP BY r.name, a.kind;

-- Active listeners (any activity or feedback), per range.
SELECT r.name, count(DISTINCT e.user_id) FROM ranges r
JOIN (SELECT user_id, occurred_at FROM activity UNION ALL SELECT user_id, occurred_at FROM feedback) e
  ON e.occurred_at > r.after AND e.occurred_at <= r.through
GROUP BY r.name;

-- Likes and dislikes, per range.
SELECT r.name, sum(f.verdict = 1), sum(f.verdict = -1) FROM ranges r
JOIN feedback f ON f.occurred_at > r.after AND f.occurred_at <= r.through
GROUP BY r.name;

-- Popular genres: distinct users and engagements (activity on a catalog track, or a like).
SELECT r.name, g.genre, count(DISTINCT e.user_id) AS users, count(*) AS events FROM ranges r
JOIN (
  SELECT user_id, track_id, occurred_at FROM activity WHERE track_id IS NOT NULL
  UNION ALL SELECT user_id, track_id, occurred_at FROM feedback WHERE verdict = 1
) e ON e.occurred_at > r.after AND e.occurred_at <= r.through
JOIN track_genres g ON g.track_id = e.track_id
WHERE r.name IN ('7d', '30d', 'all')
GROUP BY r.name, g.genre ORDER BY r.name, users DESC;

-- Like ratio by genre, with the distinct raters the privacy threshold needs.
SELECT r.name, g.genre, sum(f.verdict = 1), sum(f.verdict = -1), count(DISTINCT f.user_id) FROM ranges r
JOIN feedback f ON f.occurred_at > r.after AND f.occurred_at <= r.through
JOIN track_genres g ON g.track_id = f.track_id
WHERE r.name IN ('7d', '30d', 'all')
GROUP BY r.name, g.genre;

-- Like ratio by source and by model.
SELECT r.name, f.source, sum(f.verdict = 1), sum(f.verdict = -1), count(DISTINCT f.user_id) FROM ranges r
JOIN feedback f ON f.occurred_at > r.after AND f.occurred_at <= r.through
WHERE r.name IN ('7d', '30d', 'all')
GROUP BY r.name, f.source;
SELECT r.name, f.model, sum(f.verdict = 1), sum(f.verdict = -1), count(DISTINCT f.user_id) FROM ranges r
JOIN feedback f ON f.occurred_at > r.after AND f.occurred_at <= r.through
WHERE r.name IN ('7d', '30d', 'all')
GROUP BY r.name, f.model;

-- Like ratio and events by kind per day (UTC).
SELECT occurred_at / 86400 AS day, sum(verdict = 1), sum(verdict = -1) FROM feedback GROUP BY day;
SELECT occurred_at / 86400 AS day, kind, count(*) FROM activity GROUP BY day, kind;

-- Weekday x hour heatmap, per range.
SELECT r.name, strftime('%w', a.occurred_at, 'unixepoch') AS weekday,
  strftime('%H', a.occurred_at, 'unixepoch') AS hour, count(*) FROM ranges r
JOIN activity a ON a.occurred_at > r.after AND a.occurred_at <= r.through
WHERE r.name IN ('7d', '30d', 'all')
GROUP BY r.name, weekday, hour;

-- Most liked and disliked tracks (at least 20 ratings).
SELECT r.name, f.track_id, sum(f.verdict = 1) AS likes, count(*) AS ratings, count(DISTINCT f.user_id)
FROM ranges r
JOIN feedback f ON f.occurred_at > r.after AND f.occurred_at <= r.through
WHERE r.name IN ('7d', '30d', 'all')
GROUP BY r.name, f.track_id HAVING count(*) >= 20 ORDER BY r.name, likes * 1.0 / ratings DESC LIMIT 60;

-- Each listener's last activity, and the recency buckets.
CREATE TEMP TABLE last_seen AS
SELECT user_id, max(occurred_at) AS last FROM (
  SELECT user_id, occurred_at FROM activity UNION ALL SELECT user_id, occurred_at FROM feedback)
GROUP BY user_id;
SELECT (SELECT through FROM ranges WHERE name = 'all') / 86400 - last / 86400 AS days_ago, count(*)
FROM last_seen GROUP BY days_ago;
SELECT user_id, last FROM last_seen ORDER BY last DESC LIMIT 20;

-- Search terms (whole queries stand in for terms), by distinct users.
SELECT r.name, lower(a.query) AS term, count(DISTINCT a.user_id) AS users, count(*) FROM ranges r
JOIN activity a ON a.occurred_at > r.after AND a.occurred_at <= r.through
WHERE r.name IN ('7d', '30d', 'all') AND a.kind IN ('search', 'playlist') AND a.query IS NOT NULL
GROUP BY r.name, term ORDER BY r.name, users DESC LIMIT 450;
