orgcSearch.meta("zh",{"docs":48,"docShard":32,"gramShards":2});
