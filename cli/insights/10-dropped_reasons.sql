-- Inputs left out, counted by reason (records that failed their chain, package or replay are never analysed).
CREATE TABLE dropped_reasons AS
SELECT reason, COUNT(*) AS inputs FROM dropped GROUP BY reason ORDER BY inputs DESC, reason;
