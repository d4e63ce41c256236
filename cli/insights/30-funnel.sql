-- Every block in course order: how many learners reached it (opened it) and completed it.
CREATE TABLE funnel AS
SELECT b.module, b.block, b.type,
       (SELECT COUNT(*) FROM block_progress p WHERE p.block = b.block AND p.opened = 1) AS reached,
       (SELECT COUNT(*) FROM block_progress p WHERE p.block = b.block AND p.completed = 1) AS completed
FROM blocks b ORDER BY b.position;
