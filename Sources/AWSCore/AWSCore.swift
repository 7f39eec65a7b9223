/// The AWSCore module; see its files.
enum AWSCoreModule {}
