/// The AWSSigner module; see its files.
enum AWSSignerModule {}
