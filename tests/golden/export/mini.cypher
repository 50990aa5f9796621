// mlkg graph for Neo4j and Amazon Neptune openCypher. On Neo4j, first:
//   CREATE CONSTRAINT mlkg_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;
UNWIND [
  {id: 'athena', label: 'Amazon Athena', category: '', section: 'Data Engineering', aliases: '[]', summary: 'SQL over data in S3.', facts: '[]', lines: '81'},
  {id: 'glue', label: 'AWS Glue', category: 'analytics', section: 'Data Engineering', aliases: '["Glue ETL"]', summary: 'Serverless data integration: discover, prepare and combine data.', facts: '["Runs ETL jobs on a schedule or on an event.","No servers to manage."]', lines: '46, 54-56'},
  {id: 'quicksight', label: 'Amazon QuickSight', category: '', section: 'Data Engineering', aliases: '[]', summary: 'Business intelligence dashboards.', facts: '[]', lines: '154'},
  {id: 'redshift', label: 'Amazon Redshift', category: '', section: 'Data Engineering', aliases: '[]', summary: 'Data warehouse.', facts: '[]', lines: '61'},
  {id: 's3', label: 'Amazon S3', category: 'storage', section: 'Data Engineering', aliases: '["Simple Storage Service"]', summary: 'Object storage; the usual data lake.', facts: '[]', lines: '85'}
] AS row
CREATE (:Node:Service {id: row.id, label: row.label, type: 'service', category: row.category, section: row.section, aliases: row.aliases, summary: row.summary, facts: row.facts, lines: row.lines});
UNWIND [
  {id: 'glue-crawler', label: 'AWS Glue Crawler', category: '', section: 'Data Engineering', aliases: '["Crawler"]', summary: 'Infers the schema of data sitting in S3.', facts: '[]', lines: '48'}
] AS row
CREATE (:Node:Feature {id: row.id, label: row.label, type: 'feature', category: row.category, section: row.section, aliases: row.aliases, summary: row.summary, facts: row.facts, lines: row.lines});
UNWIND [
  {id: 'dropout', label: 'Dropout', category: '', section: 'Machine learning', aliases: '[]', summary: 'Randomly drops units while training.', facts: '[]', lines: '190'},
  {id: 'early-stopping', label: 'Early stopping', category: '', section: 'Machine learning', aliases: '[]', summary: 'Stops when validation loss rises.', facts: '[]', lines: '188'}
] AS row
CREATE (:Node:Technique {id: row.id, label: row.label, type: 'technique', category: row.category, section: row.section, aliases: row.aliases, summary: row.summary, facts: row.facts, lines: row.lines});
UNWIND [
  {id: 'overfitting', label: 'Overfitting', category: '', section: 'Machine learning', aliases: '[]', summary: 'Fits the training data too closely.', facts: '[]', lines: '185'}
] AS row
CREATE (:Node:Problem {id: row.id, label: row.label, type: 'problem', category: row.category, section: row.section, aliases: row.aliases, summary: row.summary, facts: row.facts, lines: row.lines});
UNWIND [
  {from: 'athena', to: 'redshift', note: '', lines: '87'}
] AS row
MATCH (a:Node {id: row.from}), (b:Node {id: row.to})
CREATE (a)-[:ALTERNATIVE_TO {note: row.note, lines: row.lines}]->(b);
UNWIND [
  {from: 'athena', to: 'quicksight', note: '', lines: '154'},
  {from: 'glue-crawler', to: 'athena', note: 'the crawler supplies the schema', lines: '114'},
  {from: 's3', to: 'glue-crawler', note: '', lines: '48'}
] AS row
MATCH (a:Node {id: row.from}), (b:Node {id: row.to})
CREATE (a)-[:FEEDS {note: row.note, lines: row.lines}]->(b);
UNWIND [
  {from: 'dropout', to: 'overfitting', note: '', lines: '190'},
  {from: 'early-stopping', to: 'overfitting', note: '', lines: '188'}
] AS row
MATCH (a:Node {id: row.from}), (b:Node {id: row.to})
CREATE (a)-[:MITIGATES {note: row.note, lines: row.lines}]->(b);
UNWIND [
  {from: 'glue-crawler', to: 'glue', note: '', lines: '48'}
] AS row
MATCH (a:Node {id: row.from}), (b:Node {id: row.to})
CREATE (a)-[:PART_OF {note: row.note, lines: row.lines}]->(b);
