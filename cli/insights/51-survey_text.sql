-- Free-text survey answers, only from learners who chose to share their own words (never reflections, which
-- are not loaded at all).
CREATE TABLE survey_text AS
SELECT a.block, a.item, a.text FROM survey_answers a JOIN survey_items i USING (block, item)
WHERE a.text IS NOT NULL AND a.text <> '' ORDER BY a.block, i.position, a.text;
