let probe = PackageResources.people_tsv.count
