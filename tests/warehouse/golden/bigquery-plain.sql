-- pqlscope day counts, version 2 (docs/aggregates.md): pqlscope sql --dialect bigquery --source plain
WITH src AS (
  SELECT UNIX_MILLIS(timestamp) AS ms,
         NULLIF(TRIM(CAST(account_id AS STRING)), '') AS account_id,
         NULLIF(TRIM(CAST(user_id AS STRING)), '') AS user_id,
         NULLIF(TRIM(CAST(event AS STRING)), '') AS event_name,
         CAST(NULL AS STRING) AS message_id
  FROM events
),
valid AS (
  SELECT * FROM src
  WHERE ms >= 0 AND ms < 5662224000000 AND event_name IS NOT NULL AND (account_id IS NOT NULL OR user_id IS NOT NULL)
),
ev AS (
  SELECT ms, account_id, user_id, event_name FROM valid
),
memberships AS (
  SELECT user_id, account_id, ms FROM ev WHERE user_id IS NOT NULL AND account_id IS NOT NULL
),
user_accounts AS (
  SELECT user_id, account_id, since,
         COUNT(*) OVER (PARTITION BY user_id) AS accounts,
         ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY since, account_id) AS home_rank
  FROM (SELECT user_id, account_id, MIN(ms) AS since FROM memberships GROUP BY user_id, account_id) m
),
account_totals AS (
  SELECT account_id, MIN(ms) AS seen, SUM(is_event) AS events,
         MIN(CASE WHEN is_event = 1 THEN ms END) AS first_ms, MAX(CASE WHEN is_event = 1 THEN ms END) AS last_ms
  FROM (SELECT account_id, ms, 1 AS is_event FROM ev WHERE account_id IS NOT NULL
        UNION ALL SELECT account_id, since, 0 FROM user_accounts) a
  GROUP BY account_id
),
user_totals AS (
  SELECT user_id, MIN(ms) AS seen, SUM(is_event) AS events,
         MIN(CASE WHEN is_event = 1 THEN ms END) AS first_ms, MAX(CASE WHEN is_event = 1 THEN ms END) AS last_ms,
         MAX(home) AS home, MAX(accounts) AS accounts
  FROM (SELECT user_id, ms, 1 AS is_event, CAST(NULL AS STRING) AS home, CAST(NULL AS INT64) AS accounts FROM ev WHERE user_id IS NOT NULL
        UNION ALL SELECT user_id, since, 0, CASE WHEN home_rank = 1 THEN account_id END, accounts
        FROM user_accounts) u
  GROUP BY user_id
),
event_totals AS (
  SELECT event_name, COUNT(*) AS events, MIN(ms) AS first_ms, MAX(ms) AS last_ms
  FROM ev GROUP BY event_name
),
out_rows AS (
  SELECT 0 AS part, first_ms AS seen, 'event_total' AS lvl, event_name AS entity, CAST(NULL AS STRING) AS account, CAST(NULL AS STRING) AS event_name, CAST(NULL AS INT64) AS day_number, events AS n, first_ms, last_ms, CAST(NULL AS INT64) AS several
  FROM event_totals
  UNION ALL
  SELECT 1, seen, 'account_total', account_id, CAST(NULL AS STRING), CAST(NULL AS STRING), CAST(NULL AS INT64), events, first_ms, last_ms, CAST(NULL AS INT64)
  FROM account_totals
  UNION ALL
  SELECT 2, seen, 'user_total', user_id, home, CAST(NULL AS STRING), CAST(NULL AS INT64), events, first_ms, last_ms, CASE WHEN accounts > 1 THEN 1 ELSE 0 END
  FROM user_totals
  UNION ALL
  SELECT 3, CAST(NULL AS INT64), 'account', account_id, CAST(NULL AS STRING), event_name, day_number, COUNT(*), CAST(NULL AS INT64), CAST(NULL AS INT64), CAST(NULL AS INT64)
  FROM (SELECT account_id, event_name, DIV(ms, 86400000) AS day_number FROM ev WHERE account_id IS NOT NULL) d
  GROUP BY account_id, event_name, day_number
  UNION ALL
  SELECT 4, CAST(NULL AS INT64), 'user', user_id, CAST(NULL AS STRING), event_name, day_number, COUNT(*), CAST(NULL AS INT64), CAST(NULL AS INT64), CAST(NULL AS INT64)
  FROM (SELECT user_id, event_name, DIV(ms, 86400000) AS day_number FROM ev WHERE user_id IS NOT NULL) d
  GROUP BY user_id, event_name, day_number
  UNION ALL
  SELECT 5, CAST(NULL AS INT64), 'user_no_account', user_id, CAST(NULL AS STRING), event_name, day_number, COUNT(*), CAST(NULL AS INT64), CAST(NULL AS INT64), CAST(NULL AS INT64)
  FROM (SELECT user_id, event_name, DIV(ms, 86400000) AS day_number FROM ev WHERE user_id IS NOT NULL AND account_id IS NULL) d
  GROUP BY user_id, event_name, day_number
)
SELECT lvl AS level, entity AS entity_id, account AS account_id, event_name AS event, day_number AS day
       , n AS count, first_ms AS first_event_ms, last_ms AS last_event_ms, several AS in_several_accounts
FROM out_rows
ORDER BY part, seen, entity, event_name, day_number;
