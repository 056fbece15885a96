orgcSearch.meta("en",{"docs":48,"docShard":32,"gramShards":1});
